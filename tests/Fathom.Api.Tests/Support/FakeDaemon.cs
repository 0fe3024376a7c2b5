using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Core.Scheduling;

namespace Fathom.Api.Tests.Support;

/// <summary>A daemon the tests control: its collectors, what run-now and reload answer, its readiness.</summary>
internal sealed class FakeDaemon : IApiDaemon
{
    public List<CollectorSnapshot> Snapshots { get; } = [];

    public List<string> RunRequests { get; } = [];

    public Func<string, RunNowResult> OnRunNow { get; set; } = _ => RunNowResult.Started;

    public IReadOnlyList<string> ReloadErrors { get; set; } = [];

    public int Reloads { get; private set; }

    public List<ReadinessCheckDto> Checks { get; } = [new("config", true, "/etc/fathom/fathom.conf"), new("archive", true, null), new("collectors", true, null)];

    public IReadOnlyList<CollectorSnapshot> Collectors() => [.. Snapshots];

    public Task<RunNowResult> RunNowAsync(string id, CancellationToken cancellationToken)
    {
        RunRequests.Add(id);
        return Task.FromResult(Snapshots.Any(s => s.Id == id) ? OnRunNow(id) : RunNowResult.Unknown);
    }

    public Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        Reloads++;
        return Task.FromResult(ReloadErrors.Count > 0
            ? ReloadResult.Rejected(ReloadErrors)
            : new ReloadResult(new ReloadDto("/etc/fathom/fathom.conf", Snapshots.Count, 0, 0, 0, [.. Snapshots.Select(s => s.Id)]), []));
    }

    public IReadOnlyList<ReadinessCheckDto> Readiness() => [.. Checks];
}
