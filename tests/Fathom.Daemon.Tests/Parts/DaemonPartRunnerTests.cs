using Fathom.Core.Configuration;
using Fathom.Daemon.Hosting;
using Fathom.Daemon.Parts;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Tests.Parts;

/// <summary>Parts start in list order and stop in reverse; a failed start names the part and gives its exit code.</summary>
public sealed class DaemonPartRunnerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly List<string> _journal = [];
    private readonly ListLogger _log = new();

    private DaemonPartRunner Runner(TimeSpan? stopTimeout = null, params IDaemonPart[] parts) =>
        new(parts, stopTimeout ?? Deadline, _log);

    private FakePart Part(string name, Exception? failStart = null, bool hang = false, string? status = null) =>
        new(name, _journal) { FailStart = failStart, HangOnStop = hang, Status = status };

    [Fact]
    public async Task StartAsync_EveryPartStarts_InListOrder_StopAsync_InReverse()
    {
        var runner = Runner(null, Part("a"), Part("b"), Part("c"));

        Assert.Null(await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline));
        Assert.True(await runner.StopAsync().WaitAsync(Deadline));

        Assert.Equal(["start a", "start b", "start c", "stop c", "stop b", "stop a"], _journal);
    }

    [Fact]
    public async Task StartAsync_PartThrows_NamedInErrorExitOne_StartedPartsStoppedInReverse_LaterNeverStarted()
    {
        var runner = Runner(null, Part("a"), Part("b"), Part("broken", new InvalidOperationException("no such device")), Part("d"));

        var failure = await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(new PartStartFailure("broken", 1, "cannot start broken: no such device"), failure);
        Assert.Equal(["start a", "start b", "start broken", "stop b", "stop a"], _journal);
    }

    [Fact]
    public async Task StartAsync_PartSaysInUse_ItsExitCode()
    {
        var runner = Runner(null, Part("a"), Part("lock", new DaemonPartException(3, "in use by PID 42")));

        var failure = await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(new PartStartFailure("lock", 3, "cannot start lock: in use by PID 42"), failure);
    }

    [Fact]
    public async Task StartAsync_PartFindsAConfigMistake_ExitTwoWithFileLine()
    {
        var runner = Runner(null, Part("api", new ConfigErrors([new ConfigException(new ConfigLocation("/etc/f.conf", 7), "port taken")])));

        var failure = await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(new PartStartFailure("api", 2, "cannot start api: /etc/f.conf:7: port taken"), failure);
    }

    [Fact]
    public async Task StartAsync_UnexpectedException_TypeNamedNoStackTrace()
    {
        var runner = Runner(null, Part("odd", new NotSupportedException("nope")));

        var failure = await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal("cannot start odd: NotSupportedException: nope", failure!.Message);
        Assert.Equal(1, failure.ExitCode);
    }

    [Fact]
    public async Task StopAsync_PartDoesNotStopInTime_LoggedAndSkipped_EarlierPartsStillStop()
    {
        var runner = Runner(TimeSpan.FromMilliseconds(200), Part("a"), Part("stuck", hang: true), Part("c"));
        Assert.Null(await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline));

        var clean = await runner.StopAsync().WaitAsync(Deadline);

        Assert.False(clean);
        Assert.Equal(["start a", "start stuck", "start c", "stop c", "stop stuck", "stop a"], _journal);
        Assert.Contains((LogLevel.Error, "stuck did not stop within 0.2 s; left behind"), _log.Entries);
    }

    [Fact]
    public async Task ReloadAsync_StartedPartsOfferedInStartOrder_AFailureLoggedOthersStillReload()
    {
        var failing = new FakePart("b", _journal) { FailReload = new InvalidOperationException("cannot") };
        var runner = Runner(null, Part("a"), failing, Part("c"));
        Assert.Null(await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline));
        _journal.Clear();

        await runner.ReloadAsync(new LoadedConfig(new DaemonSettings { ConfigFile = "/x.conf", Collectors = [] }, []), CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(["reload a", "reload b", "reload c"], _journal);
        Assert.Contains((LogLevel.Error, "reload of b failed: cannot"), _log.Entries);
    }

    [Fact]
    public async Task Status_PartsThatReportOne_LastStartedFirst()
    {
        var runner = Runner(null, Part("archive", status: "archive sqlite /a.db"), Part("quiet"), Part("supervisor", status: "2 collector(s) running"));

        Assert.Null(await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline));

        Assert.Equal("2 collector(s) running; archive sqlite /a.db", runner.Status);
    }
}
