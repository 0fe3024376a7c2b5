namespace Fathom.Archive.Spool;

/// <summary>What a scan of one segment found: unreadable regions in the middle, and a torn tail to cut.</summary>
internal sealed class ScanResult
{
    public List<(long Offset, long Bytes)> CorruptRegions { get; } = [];

    /// <summary>Where the last readable record ends, when bytes follow that are no record (the file is cut back there); -1 when none.</summary>
    public long TornTailAt { get; set; } = -1;

    public long TornTailBytes { get; set; }
}
