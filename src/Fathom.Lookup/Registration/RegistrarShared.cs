using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Registration;

/// <summary>What every server's loop of one registrar shares: options, the HTTP client, time, the state, the client-uuid and the figures.</summary>
internal sealed class RegistrarShared(RegistrarOptions options, HttpClient http, TimeProvider time, ILogger logger, RegistrationStore store, string clientUuid, RegistrarMetrics? metrics, Action countChanged)
{
    private long _registrations;
    private long _renewals;
    private long _failures;

    public RegistrarOptions Options { get; set; } = options;

    public HttpClient Http { get; } = http;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public RegistrationStore Store { get; } = store;

    public string ClientUuid { get; } = clientUuid;

    public long Registrations => Interlocked.Read(ref _registrations);

    public long Renewals => Interlocked.Read(ref _renewals);

    public long Failures => Interlocked.Read(ref _failures);

    public void Registered()
    {
        Interlocked.Increment(ref _registrations);
        metrics?.Registrations.Add(1);
    }

    public void Renewed()
    {
        Interlocked.Increment(ref _renewals);
        metrics?.Renewals.Add(1);
    }

    public void Failed()
    {
        Interlocked.Increment(ref _failures);
        metrics?.Failures.Add(1);
    }

    public void CountChanged() => countChanged();
}
