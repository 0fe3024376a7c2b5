using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Supervision;

namespace Fathom.Daemon.Tests.Supervision;

/// <summary>A worker that only records what is done to it, in a journal shared by all workers of a test.</summary>
internal sealed class FakeWorker(PreparedCollector prepared, List<string> journal) : ICollectorWorker
{
    public PreparedCollector Prepared { get; } = prepared;

    public CollectorConfig Config => Prepared.Config;

    public CollectorStats Stats { get; } = new(prepared.Config.Id);

    public bool Started { get; private set; }

    public TimeSpan? StoppedWithGrace { get; private set; }

    public void Start()
    {
        Started = true;
        lock (journal)
        {
            journal.Add($"start {Config.Id} {Config.Fingerprint}");
        }
    }

    public Task StopAsync(TimeSpan grace)
    {
        StoppedWithGrace = grace;
        lock (journal)
        {
            journal.Add($"stop {Config.Id} {Config.Fingerprint}");
        }

        return Task.CompletedTask;
    }
}
