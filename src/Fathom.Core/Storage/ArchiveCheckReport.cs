namespace Fathom.Core.Storage;

/// <summary>What <see cref="IArchiveReader.Check"/> counted and found; no problems means the archive is sound.</summary>
/// <param name="Series">Series stored.</param>
/// <param name="Points">Raw points decoded.</param>
/// <param name="Events">Events stored.</param>
/// <param name="StatusRanges">Status ranges stored.</param>
/// <param name="Problems">Every problem found, one line each; empty when sound.</param>
public sealed record ArchiveCheckReport(long Series, long Points, long Events, long StatusRanges, IReadOnlyList<string> Problems)
{
    /// <summary>Bytes the archive takes on disk, when its backend can tell; null otherwise.</summary>
    public long? SizeBytes { get; init; }
}
