using Fathom.Archive.Spool;
using Fathom.Core.Storage.Delivery;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Hosting;

/// <summary>Opens a target's disk spool in its folder with its delivery settings.</summary>
internal static class DaemonSpools
{
    public static ISpool Open(ArchiveTargetOptions target, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(target);
        var d = target.Delivery;
        try
        {
            return DiskSpool.Open(new SpoolOptions
            {
                Folder = d.SpoolDir,
                SyncInterval = d.SpoolSyncInterval,
                MaxBytes = d.SpoolMaxBytes,
                FullPolicy = d.SpoolFull == SpoolFullMode.Block ? SpoolFullPolicy.Block : SpoolFullPolicy.Drop,
                TimeProvider = time,
                Logger = logger,
            });
        }
        catch (ArgumentException e)
        {
            // The reader checked every key already; this is a combination it let through.
            throw new SpoolException($"archive {target.Name}: {e.Message}", e);
        }
    }
}
