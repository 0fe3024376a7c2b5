namespace Fathom.Archive;

/// <summary>What <see cref="ArchiveReader.Check"/> counted and found; no problems means the archive is sound.</summary>
internal sealed record ArchiveCheckReport(long Series, long Points, long Events, long StatusRanges, IReadOnlyList<string> Problems);
