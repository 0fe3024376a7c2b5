using Fathom.Archive;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Parts;

/// <summary>The archive the pipeline writes to. Another daemon writing it: exit 3, as for a second start on one pid file.</summary>
internal sealed class ArchivePart(DaemonRun run) : IDaemonPart
{
    private readonly ArchiveSettings _settings = run.Settings.Archive;
    private WatchedArchive? _archive;

    public string Name => "archive";

    /// <summary>The file this archive keeps (for the privilege drop).</summary>
    public string Path { get; } = run.Settings.Archive.Path ?? ArchivePaths.Default();

    public IArchive Archive => _archive ?? throw new InvalidOperationException("the archive is not open");

    public string? Status => _archive is null ? null : $"archive {_archive.Description}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var log = run.Loggers.CreateLogger("archive");
        try
        {
            _archive = new WatchedArchive(() => new SqliteArchive(Path, log, _settings.Retention, run.Time), log);
        }
        catch (ArchiveInUseException e)
        {
            throw new DaemonPartException(ExitCodes.AlreadyRunning, e.Message, e);
        }
        catch (ArchiveException e)
        {
            throw new DaemonPartException(ExitCodes.Failure, e.Message, e);
        }

        return Task.CompletedTask;
    }

    public Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        if (next.Settings.Archive != _settings)
        {
            PartsLog.NeedsRestart(run.Log, "archive");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _archive?.Dispose();
        _archive = null;
        return Task.CompletedTask;
    }
}
