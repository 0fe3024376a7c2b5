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
        throw new SpoolException($"archive {target.Name}: the disk spool is not available in this build");
    }
}
