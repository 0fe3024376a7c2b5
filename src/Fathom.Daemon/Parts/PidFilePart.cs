using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Parts;

/// <summary>The pid file, locked for the daemon's life (none with --ignorepid). In use: exit 3.</summary>
internal sealed class PidFilePart(DaemonRun run) : IDaemonPart
{
    public string Name => "pid file";

    /// <summary>The held pid file; null before start and with --ignorepid.</summary>
    public PidFile? File { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (run.Options.IgnorePid)
        {
            return Task.CompletedTask;
        }

        var o = run.Options;
        var s = run.Settings;
        try
        {
            File = PidFile.Acquire(PidPaths.Resolve(o.PidDir, o.PidFile, s.PidDir, s.PidFile));
        }
        catch (PidFileException e)
        {
            throw new DaemonPartException(e.AlreadyRunning ? ExitCodes.AlreadyRunning : ExitCodes.Failure, e.Message, e);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        File?.Dispose();
        File = null;
        return Task.CompletedTask;
    }
}
