namespace Fathom.Archive.Spool;

/// <summary>Where one readable record sits in its segment, and what the stats need of it.</summary>
internal readonly record struct RecordInfo(long Sequence, long Offset, int Length, int Measurements, long AppendedUnixNs);
