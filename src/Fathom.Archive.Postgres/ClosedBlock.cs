namespace Fathom.Archive.Postgres;

/// <summary>A block closed by a batch, encoded, with the series' closed end before it (for the hour summaries).</summary>
internal sealed record ClosedBlock(long SeriesId, long StartNs, long EndNs, int Count, byte[] Data, long PreviousClosedEnd);
