namespace Fathom.Archive.Rollups;

/// <summary>
/// A backend's stored summaries (1 min, 1 h, 1 d buckets) for the query engine: what it has
/// summarised and the folding of stored buckets into a query's coarser ones.
/// </summary>
public interface ISummarySource
{
    /// <summary>Summary rows read so far (a query's cost is the difference).</summary>
    long RowsRead { get; }

    /// <summary>Folds the series' stored buckets of <paramref name="resolutionNs"/> starting in [lo, hi) into <paramref name="into"/>.</summary>
    void Fold(long seriesId, long resolutionNs, long lo, long hi, BucketSeries into);

    /// <summary>
    /// The time up to which the series' points are summarised in stored rows (the newest 1 min
    /// bucket's last point, or the end of the day of the newest 1 h or 1 d bucket); <see cref="long.MinValue"/> if none.
    /// </summary>
    long Covered(long seriesId);
}
