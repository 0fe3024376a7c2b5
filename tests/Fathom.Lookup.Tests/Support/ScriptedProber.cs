using Fathom.Lookup.Hints;

namespace Fathom.Lookup.Tests.Support;

/// <summary>A prober answering what the test set for each server (milliseconds; null: no answer), and counting probes.</summary>
internal sealed class ScriptedProber : IConnectProber
{
    private readonly Dictionary<Uri, double?> _latencyMs = [];

    public int Probes { get; private set; }

    public ScriptedProber Set(Uri server, double? ms)
    {
        _latencyMs[server] = ms;
        return this;
    }

    public Task<TimeSpan?> ProbeAsync(Uri locator, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Probes++;
        return Task.FromResult(_latencyMs.GetValueOrDefault(locator) is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null);
    }
}
