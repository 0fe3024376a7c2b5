using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Daemon.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Daemon.Tests.Supervision;

public sealed class SupervisorTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(7);
    private readonly List<string> _journal = [];
    private readonly List<FakeWorker> _made = [];

    [Fact]
    public void Start_EveryCollector_MadeAndStarted()
    {
        var supervisor = NewSupervisor();

        supervisor.Start([Prepared("a", "1"), Prepared("b", "1")]);

        Assert.Equal(["a", "b"], _made.Select(w => w.Config.Id));
        Assert.All(_made, w => Assert.True(w.Started));
        Assert.Equal(["a", "b"], supervisor.Workers.Select(w => w.Config.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_Diff_KeepsRestartsStopsAndStarts()
    {
        var supervisor = NewSupervisor();
        supervisor.Start([Prepared("keep", "1"), Prepared("change", "1"), Prepared("drop", "1")]);
        var (oldKeep, oldChange, oldDrop) = (_made[0], _made[1], _made[2]);
        var keepReplacement = Prepared("keep", "1");
        _journal.Clear();

        var result = await supervisor.ApplyAsync([keepReplacement, Prepared("change", "2"), Prepared("add", "1")], Grace);

        Assert.Equal((1, 1, 1, 1), result);
        Assert.Null(oldKeep.StoppedWithGrace);
        Assert.True(((FakeCollector)keepReplacement.Instance).Disposed, "the unused replacement instance is disposed");
        Assert.Equal(Grace, oldChange.StoppedWithGrace);
        Assert.Equal(Grace, oldDrop.StoppedWithGrace);
        Assert.True(_journal.IndexOf("stop change 1") < _journal.IndexOf("start change 2"), "the old one stops before the new one starts");
        Assert.Contains("start add 1", _journal);
        Assert.Equal(4, _journal.Count);
        var workers = supervisor.Workers.ToDictionary(w => w.Config.Id);
        Assert.Equal(["add", "change", "keep"], workers.Keys.Order(StringComparer.Ordinal));
        Assert.Same(oldKeep, workers["keep"]);
        Assert.Equal("2", workers["change"].Config.Fingerprint);
    }

    [Fact]
    public async Task ApplyAsync_SameSet_AllKeptNothingTouched()
    {
        var supervisor = NewSupervisor();
        supervisor.Start([Prepared("a", "1"), Prepared("b", "1")]);
        _journal.Clear();

        var result = await supervisor.ApplyAsync([Prepared("b", "1"), Prepared("a", "1")], Grace);

        Assert.Equal((2, 0, 0, 0), result);
        Assert.Empty(_journal);
        Assert.Equal(2, _made.Count);
    }

    [Fact]
    public async Task ApplyAsync_Empty_StopsEverything()
    {
        var supervisor = NewSupervisor();
        supervisor.Start([Prepared("a", "1"), Prepared("b", "1")]);

        var result = await supervisor.ApplyAsync([], Grace);

        Assert.Equal((0, 0, 2, 0), result);
        Assert.Empty(supervisor.Workers);
        Assert.All(_made, w => Assert.Equal(Grace, w.StoppedWithGrace));
    }

    [Fact]
    public async Task ApplyAsync_FromNothing_StartsEverything()
    {
        var supervisor = NewSupervisor();

        var result = await supervisor.ApplyAsync([Prepared("a", "1"), Prepared("b", "1")], Grace);

        Assert.Equal((0, 0, 0, 2), result);
        Assert.All(_made, w => Assert.True(w.Started));
    }

    [Fact]
    public async Task ApplyAsync_Twice_SecondSeesTheFirstsResult()
    {
        var supervisor = NewSupervisor();
        supervisor.Start([Prepared("a", "1")]);

        await supervisor.ApplyAsync([Prepared("a", "2")], Grace);
        var second = await supervisor.ApplyAsync([Prepared("a", "2")], Grace);

        Assert.Equal((1, 0, 0, 0), second);
        Assert.Equal("2", Assert.Single(supervisor.Workers).Config.Fingerprint);
    }

    [Fact]
    public async Task StopAllAsync_StopsEveryWorkerWithTheGrace()
    {
        var supervisor = NewSupervisor();
        supervisor.Start([Prepared("a", "1"), Prepared("b", "1"), Prepared("c", "1")]);

        await supervisor.StopAllAsync(Grace);

        Assert.Empty(supervisor.Workers);
        Assert.All(_made, w => Assert.Equal(Grace, w.StoppedWithGrace));
    }

    private Supervisor NewSupervisor() => new(
        p =>
        {
            var w = new FakeWorker(p, _journal);
            _made.Add(w);
            return w;
        },
        NullLogger.Instance);

    private static PreparedCollector Prepared(string id, string fingerprint) =>
        new(
            new CollectorConfig(id, "noop", new ConfigLocation("test.conf", 1), new Dictionary<string, ConfigSetting>(), "/tmp") { Fingerprint = fingerprint },
            new FakeCollector());

    private sealed class FakeCollector : ICollector, IDisposable
    {
        public bool Disposed { get; private set; }

        public void Init(CollectorConfig config)
        {
        }

        public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken) => ValueTask.FromResult(CollectOutcome.Default);

        public void Dispose() => Disposed = true;
    }
}
