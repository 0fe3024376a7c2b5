using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Core.Scheduling;

namespace Fathom.Dashboard.Tests.Support;

/// <summary>A daemon whose collectors the tests set, recording run-now requests.</summary>
internal sealed class FakeDaemon : IApiDaemon
{
    private readonly Lock _gate = new();
    private readonly List<string> _runs = [];

    public List<CollectorSnapshot> Snapshots { get; } = [];

    /// <summary>Completed with the collector's ID at each run-now request.</summary>
    public TaskCompletionSource<string> RunRequested { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Runs
    {
        get
        {
            lock (_gate)
            {
                return [.. _runs];
            }
        }
    }

    public IReadOnlyList<CollectorSnapshot> Collectors() => [.. Snapshots];

    public Task<RunNowResult> RunNowAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _runs.Add(id);
        }

        RunRequested.TrySetResult(id);
        return Task.FromResult(Snapshots.Any(s => s.Id == id) ? RunNowResult.Started : RunNowResult.Unknown);
    }

    public Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ReloadResult(new ReloadDto("/etc/fathom/fathom.conf", Snapshots.Count, 0, 0, 0, [.. Snapshots.Select(s => s.Id)]), []));

    public IReadOnlyList<ReadinessCheckDto> Readiness() => [new("config", true, null), new("archive", true, null), new("collectors", true, null)];
}
