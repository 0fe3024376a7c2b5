using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Archive.Spool;

/// <summary>How a <see cref="DiskSpool"/> keeps its records (the spool_* settings of an archive target).</summary>
public sealed class SpoolOptions
{
    /// <summary>The spool's own folder (created if missing); one folder per spool.</summary>
    public required string Folder { get; init; }

    /// <summary>
    /// spool_sync: null (the default, "batch") syncs every append to disk before it returns; an
    /// interval syncs at most that often (and on dispose), so a power loss may lose that much.
    /// </summary>
    public TimeSpan? SyncInterval { get; init; }

    /// <summary>spool_max_bytes: the bound on the segment files' bytes. Default 1 GiB.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>spool_full: what happens at <see cref="MaxBytes"/>. Default <see cref="SpoolFullPolicy.Drop"/>.</summary>
    public SpoolFullPolicy FullPolicy { get; init; } = SpoolFullPolicy.Drop;

    /// <summary>Bytes after which a new segment file is started. Default 64 MiB, at most a quarter of <see cref="MaxBytes"/>.</summary>
    public long SegmentBytes { get; init; } = 64L << 20;

    /// <summary>The clock for appended times and the sync interval. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where corruption, drops and I/O errors are logged. Default none.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Every problem with these options, each naming its setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Folder))
        {
            errors.Add("spool folder: must be given");
        }

        if (SyncInterval is { } i && (i <= TimeSpan.Zero || i > TimeSpan.FromHours(1)))
        {
            errors.Add($"spool_sync: an interval must be above 0 and at most 1 h (got {i.TotalMilliseconds} ms)");
        }

        if (MaxBytes < 64 * 1024)
        {
            errors.Add($"spool_max_bytes: must be at least 65536 (got {MaxBytes})");
        }

        if (SegmentBytes < 4096)
        {
            errors.Add($"spool segment size: must be at least 4096 (got {SegmentBytes})");
        }

        return errors;
    }

    // A drop must never take the only segment: segments stay at most a quarter of the bound.
    internal long EffectiveSegmentBytes => Math.Max(4096, Math.Min(SegmentBytes, MaxBytes / 4));
}
