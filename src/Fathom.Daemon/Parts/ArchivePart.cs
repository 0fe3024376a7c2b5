using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Parts;

/// <summary>
/// The archive the pipeline writes to, opened through the archive catalog by the backend its
/// &lt;archive&gt; type names. Another daemon writing it: exit 3, as for a second start on one pid file.
/// </summary>
internal sealed class ArchivePart(DaemonRun run, ArchiveCatalog catalog) : IDaemonPart
{
    private readonly ArchiveOptions _options = DaemonArchives.Of(run.Settings);
    private IArchiveWriter? _archive;

    public string Name => "archive";

    /// <summary>The files the backend owns (for the privilege drop).</summary>
    public IReadOnlyList<string> Files => catalog.OwnedFiles(_options);

    public IArchiveWriter Archive => _archive ?? throw new InvalidOperationException("the archive is not open");

    public string? Status => _archive is null ? null : $"archive {_archive.Description}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _archive = catalog.OpenWriter(_options, new ArchiveOpenContext(run.Loggers.CreateLogger("archive"), run.Time));
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
        if (DaemonArchives.Of(next.Settings) != _options)
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
