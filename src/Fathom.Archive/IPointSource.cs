using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>Reads one schema version's points for a backend's reader (<see cref="SeriesQueryEngine"/>).</summary>
public interface IPointSource : IDisposable
{
    /// <summary>Called in each read transaction before reading these series (all if null), so sources may cache per snapshot.</summary>
    void BeginSnapshot(IReadOnlyCollection<long>? seriesIds);

    /// <summary>While set, a corrupt block is described here and left out of the read instead of failing it.</summary>
    List<string>? Skipped { get; set; }

    void ReadRange(long seriesId, long fromNs, long toNs, List<TimePoint> into);

    (long Count, long? First, long? Last) Stats(long seriesId);

    /// <summary>The newest point in a closed block, <see cref="long.MinValue"/> if none (or no blocks in this schema).</summary>
    long ClosedEnd(long seriesId);

    /// <summary>The time of the series' newest point (open blocks of the snapshot included), without counting the rest.</summary>
    long? NewestTime(long seriesId);
}
