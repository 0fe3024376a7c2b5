using Fathom.Core.Scheduling;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;
using Fathom.Daemon.Parts;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Daemon.Tests.Parts;

/// <summary>
/// The daemon's real part list, with a fake part added through the list (as the API and lookup
/// client will be): no change to the host, the order, the reverse stop and the exit codes hold.
/// </summary>
public sealed class DaemonPartsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-parts-").FullName;
    private readonly List<string> _journal = [];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PidPath => Path.Combine(_dir, "fathom.pid");

    private DaemonRun NewRun()
    {
        var config = Path.Combine(_dir, "fathom.conf");
        File.WriteAllText(config, $"""
            collection_interval 1
            pid_dir {_dir}
            shutdown_timeout 2
            <archive>
                path {_dir}/archive.db
            </archive>
            <mmv>
                enabled no
            </mmv>
            <collector a>
                module noop
            </collector>
            """);
        return new DaemonRun(new DaemonOptions(), ConfigLoading.Load(config), NullLoggerFactory.Instance, TimeProvider.System, new SchedulerLateness(TimeProvider.System, TimeSpan.FromSeconds(10)));
    }

    /// <summary>The list as the host builds it, less the descendant reaper: it would make the test runner a subreaper and stop its children.</summary>
    private static List<IDaemonPart> PartsOf(DaemonRun run)
    {
        var parts = DaemonParts.Create(run);
        parts.RemoveAll(p => p is DescendantsPart);
        return parts;
    }

    [Fact]
    public async Task Create_FakePartAddedToTheList_StartsLast_StopsFirst_RealPartsReleaseTheirFiles()
    {
        var run = NewRun();
        var parts = PartsOf(run);
        parts.Add(new FakePart("extra", _journal));
        var runner = new DaemonPartRunner(parts, Deadline, NullLogger.Instance);

        Assert.Null(await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(["pid file", "privilege drop", "archive", "pipeline", "supervisor", "instruments", "api", "lookup", "extra"], parts.Select(p => p.Name));
        Assert.Equal(["start extra"], _journal);
        Assert.True(File.Exists(PidPath));
        Assert.StartsWith("1 collector(s) running; archive sqlite ", runner.Status, StringComparison.Ordinal);

        Assert.True(await runner.StopAsync().WaitAsync(Deadline));

        Assert.Equal(["start extra", "stop extra"], _journal);
        Assert.False(File.Exists(PidPath));
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Fact]
    public async Task Create_FakePartFailsAfterTheRealParts_NamedWithItsExitCode_RealPartsStopped()
    {
        var run = NewRun();
        var parts = PartsOf(run);
        parts.Add(new FakePart("lookup", _journal) { FailStart = new DaemonPartException(ExitCodes.AlreadyRunning, "registration in use") });
        var runner = new DaemonPartRunner(parts, Deadline, NullLogger.Instance);

        var failure = await runner.StartAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(new PartStartFailure("lookup", 3, "cannot start lookup: registration in use"), failure);
        Assert.False(File.Exists(PidPath));
        Assert.Equal(["start lookup"], _journal);
        Assert.Empty(parts.OfType<SupervisorPart>().Single().Supervisor.Workers); // started, then stopped
    }

    [Fact]
    public async Task Create_PidFileHeldByAnotherRun_PidFilePartNamedExitThree_LaterPartsNeverStarted()
    {
        var first = new DaemonPartRunner(PartsOf(NewRun()), Deadline, NullLogger.Instance);
        Assert.Null(await first.StartAsync(CancellationToken.None).WaitAsync(Deadline));
        var second = NewRun();
        var parts = PartsOf(second);
        parts.Add(new FakePart("extra", _journal));

        var failure = await new DaemonPartRunner(parts, Deadline, NullLogger.Instance).StartAsync(CancellationToken.None).WaitAsync(Deadline);
        second.DisposeUntakenCollectors();
        await first.StopAsync().WaitAsync(Deadline);

        Assert.Equal("pid file", failure!.Part);
        Assert.Equal(ExitCodes.AlreadyRunning, failure.ExitCode);
        Assert.Equal($"cannot start pid file: already running: {Environment.ProcessId}", failure.Message);
        Assert.Empty(_journal);
    }
}
