using Fathom.Core.Configuration;
using Fathom.Core.Scheduling;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;
using Fathom.Daemon.Supervision;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>What every part may use: the options, the configuration it started with, logging, time; and the run's exit code.</summary>
internal sealed class DaemonRun(DaemonOptions options, LoadedConfig loaded, ILoggerFactory loggers, TimeProvider time, SchedulerLateness lateness)
{
    private IReadOnlyList<PreparedCollector>? _unclaimed = loaded.Collectors;

    public DaemonOptions Options { get; } = options;

    public LoadedConfig Loaded { get; } = loaded;

    public DaemonSettings Settings => Loaded.Settings;

    public ILoggerFactory Loggers { get; } = loggers;

    /// <summary>The daemon's own log ("daemon").</summary>
    public ILogger Log { get; } = loggers.CreateLogger("daemon");

    public TimeProvider Time { get; } = time;

    /// <summary>Collector run-start lateness; "steady" leaves out the first 10 s.</summary>
    public SchedulerLateness Lateness { get; } = lateness;

    /// <summary>The one "error" of a reload asked for while the daemon stops.</summary>
    public const string Stopping = "the daemon is stopping";

    /// <summary>Reloads the configuration as SIGHUP does (queued with the signals); the errors when it was rejected.</summary>
    public Func<CancellationToken, Task<IReadOnlyList<string>>> RequestReload { get; init; } =
        static _ => Task.FromResult<IReadOnlyList<string>>(["reload is not available"]);

    /// <summary>0 unless a part's stop found something worth failing for (data lost).</summary>
    public int ExitCode { get; private set; } = ExitCodes.Ok;

    public void Fail(int exitCode) => ExitCode = Math.Max(ExitCode, exitCode);

    /// <summary>The prepared collectors, once: whoever takes them owns (and disposes) them.</summary>
    public IReadOnlyList<PreparedCollector> TakeCollectors()
    {
        var taken = _unclaimed ?? throw new InvalidOperationException("the collectors were already taken");
        _unclaimed = null;
        return taken;
    }

    /// <summary>Disposes collectors nobody took (start-up failed before the supervisor ran).</summary>
    public void DisposeUntakenCollectors()
    {
        foreach (var p in _unclaimed ?? [])
        {
            (p.Instance as IDisposable)?.Dispose();
        }

        _unclaimed = null;
    }
}
