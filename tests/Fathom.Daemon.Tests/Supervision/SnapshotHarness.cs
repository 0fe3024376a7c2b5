using Fathom.Core.Scheduling;
using System.Diagnostics;
using Fathom.Core.Collectors;
using Fathom.Daemon.Hosting;
using Fathom.Daemon.Supervision;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Daemon.Tests.Supervision;

/// <summary>
/// A real supervisor over real workers: thread workers in this process, process workers in real
/// fathomd children (dotnet fathomd.dll, as the daemon starts them), from a real configuration file.
/// </summary>
internal sealed class SnapshotHarness : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-snapshot-").FullName;

    private SnapshotHarness(string collectorBlock)
    {
        var config = Path.Combine(_dir, "fathom.conf");
        File.WriteAllText(config, "collection_interval 0.1\n" + collectorBlock);
        var loaded = ConfigLoading.Load(config);
        Supervisor = new Supervisor(MakeWorker, NullLogger.Instance);
        Supervisor.Start(loaded.Collectors);
    }

    public Supervisor Supervisor { get; }

    public ListSink Sink { get; } = new();

    public static SnapshotHarness Start(string id, string isolation, string extra) =>
        new($"<collector {id}>\n    module noop\n    isolation {isolation}\n    {extra}\n</collector>\n");

    public CollectorSnapshot Of(string id) => Assert.Single(Supervisor.Snapshot(), s => s.Id == id);

    /// <summary>The snapshot of <paramref name="id"/> once <paramref name="condition"/> holds; fails naming <paramref name="what"/> at the deadline.</summary>
    public async Task<CollectorSnapshot> WaitForAsync(string id, Func<CollectorSnapshot, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = Of(id);
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (clock.Elapsed > Deadline)
            {
                Assert.Fail($"timed out waiting for {what}; last snapshot: {snapshot}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Supervisor.StopAllAsync(TimeSpan.FromSeconds(5)).WaitAsync(Deadline);
        Directory.Delete(_dir, recursive: true);
    }

    private ICollectorWorker MakeWorker(PreparedCollector p) => p.Config.Isolation == IsolationMode.Process
        ? new ProcessWorker(p.Config, Sink, NullLogger.Instance, TimeProvider.System, LogLevel.Warning)
        : new ThreadWorker(p.Config, p.Instance, TimeProvider.System, Sink, NullLogger.Instance, null);
}
