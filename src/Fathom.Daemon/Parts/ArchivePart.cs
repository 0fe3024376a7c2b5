using Fathom.Archive.Delivery;
using Fathom.Archive.Spool;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Fathom.Core.Storage.Delivery;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>
/// The archives the pipeline writes to, opened through the archive catalog by the backend each
/// &lt;archive&gt; type names. A lone unspooled target (the default lone SQLite) is the pipeline's
/// writer itself, today's direct path; otherwise each target gets its spool or queue and its own
/// delivery loop behind a fan-out writer. Another daemon writing a local archive: exit 3.
/// </summary>
internal sealed class ArchivePart(DaemonRun run, ArchiveCatalog catalog, Func<ArchiveTargetOptions, ILogger, TimeProvider, ISpool>? openSpool = null) : IDaemonPart
{
    /// <summary>How long delivery loops get at stop to drain before what is left stays in the spool.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly ArchiveTargets _targets = DaemonArchives.Targets(run.Settings);
    private readonly Func<ArchiveTargetOptions, ILogger, TimeProvider, ISpool> _openSpool = openSpool ?? DaemonSpools.Open;
    private readonly List<ArchiveTarget> _running = [];
    private IArchiveWriter? _archive;

    public string Name => "archive";

    /// <summary>The files the backends own (for the privilege drop).</summary>
    public IReadOnlyList<string> Files => [.. _targets.SelectMany(t => catalog.OwnedFiles(t.Backend)).Distinct(StringComparer.Ordinal)];

    /// <summary>The spooled targets' folders (for the privilege drop).</summary>
    public IReadOnlyList<string> SpoolDirs => [.. _targets.Where(t => t.Delivery.Spool).Select(t => t.Delivery.SpoolDir)];

    /// <summary>Whether the pipeline writes the lone target directly (no spool, no delivery loop).</summary>
    public bool Direct => _targets is [{ Delivery.Spool: false }];

    /// <summary>The targets with delivery loops; empty on the direct path.</summary>
    public IReadOnlyList<ArchiveTarget> Targets => _running;

    /// <summary>The configured targets.</summary>
    public ArchiveTargets Configured => _targets;

    public IArchiveWriter Archive => _archive ?? throw new InvalidOperationException("the archive is not open");

    public string? Status => _archive is null ? null : $"archive {_archive.Description}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Direct)
        {
            _archive = Open(_targets[0]);
            return Task.CompletedTask;
        }

        try
        {
            foreach (var target in _targets)
            {
                _running.Add(StartTarget(target));
            }
        }
        catch (DaemonPartException)
        {
            // Those opened before the one that failed are closed again; none has started its loop.
            _running.ForEach(t => t.DisposeAsync().AsTask().GetAwaiter().GetResult());
            _running.Clear();
            throw;
        }

        _archive = new FanOutWriter(_running);
        foreach (var t in _running)
        {
            t.Start();
        }

        return Task.CompletedTask;
    }

    public Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        if (!DaemonArchives.Targets(next.Settings).Equals(_targets))
        {
            PartsLog.NeedsRestart(run.Log, "archive");
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The pipeline stopped first and flushed into the spools; each loop drains within the grace, at once.
        await Task.WhenAll(_running.Select(t => t.StopAsync(StopGrace))).ConfigureAwait(false);
        foreach (var t in _running)
        {
            await t.DisposeAsync().ConfigureAwait(false);
        }

        _running.Clear();
        if (Direct)
        {
            _archive?.Dispose();
        }

        _archive = null;
    }

    private ArchiveTarget StartTarget(ArchiveTargetOptions target)
    {
        var logger = run.Loggers.CreateLogger("archive");
        ISpool? spool = null;
        if (target.Delivery.Spool)
        {
            try
            {
                spool = _openSpool(target, logger, run.Time);
            }
            catch (Exception e) when (e is SpoolException or IOException or UnauthorizedAccessException)
            {
                throw new DaemonPartException(ExitCodes.Failure, $"archive {target.Name}: cannot open its spool {target.Delivery.SpoolDir}: {e.Message}", e);
            }
        }

        var delivery = new ArchiveTarget(target, () => catalog.OpenWriter(target.Backend, new ArchiveOpenContext(logger, run.Time)), spool, logger, run.Time);
        // A local archive is opened now (in use, unusable: start-up errors); a network one may be down: its loop opens it.
        if (catalog.OwnedFiles(target.Backend).Count > 0)
        {
            delivery.UseWriter(Open(target));
        }

        return delivery;
    }

    private IArchiveWriter Open(ArchiveTargetOptions target)
    {
        try
        {
            return catalog.OpenWriter(target.Backend, new ArchiveOpenContext(run.Loggers.CreateLogger("archive"), run.Time));
        }
        catch (ArchiveInUseException e)
        {
            throw new DaemonPartException(ExitCodes.AlreadyRunning, e.Message, e);
        }
        catch (ArchiveException e)
        {
            throw new DaemonPartException(ExitCodes.Failure, e.Message, e);
        }
    }
}
