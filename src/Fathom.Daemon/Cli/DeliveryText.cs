using System.Globalization;
using Fathom.Core.Storage.Delivery;

namespace Fathom.Daemon.Cli;

/// <summary>One line on how a target is delivered to, for --check.</summary>
internal static class DeliveryText
{
    public static string Describe(ArchiveTargetOptions t)
    {
        var d = t.Delivery;
        var how = d.Spool
            ? string.Create(CultureInfo.InvariantCulture, $"spool {d.SpoolDir} (sync {(d.SpoolSyncInterval is { } i ? $"{i.TotalSeconds}s" : "batch")}, max {d.SpoolMaxBytes / (1024.0 * 1024):0.#}M, full {d.SpoolFull.ToString().ToLowerInvariant()})")
            : "memory queue (no spool)";
        return $"{t.Name}: {how}, retry {d.RetryPolicy}";
    }
}
