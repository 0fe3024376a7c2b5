using Fathom.Core.Measurements;

namespace Fathom.Core.Storage;

/// <summary>
/// The read port of an archive, for the CLI and (next) the API. Name globs take '*' (any run) and
/// '?' (one character), case-sensitive; a plain name matches itself. Tags filter by containment:
/// a series matches when it carries every given tag. Times are Unix nanoseconds, ranges inclusive.
/// Failures are <see cref="ArchiveException"/>, bad input included (a query starting after it ends, a step not positive).
/// Not thread-safe: one reader per thread.
/// </summary>
public interface IArchiveReader : IDisposable
{
    /// <summary>A short description for messages, e.g. "sqlite /var/lib/fathom/archive.db".</summary>
    string Description { get; }

    /// <summary>Where the archive is, as its backend names it (for sqlite the file's full path).</summary>
    string Location { get; }

    /// <summary>What the last aggregating query read (which summaries, how many raw points).</summary>
    QueryCost LastQueryCost { get; }

    /// <summary>The damaged parts the last query left out (each named), so it could return what is readable; empty when none.</summary>
    IReadOnlyList<string> LastQueryProblems { get; }

    /// <summary>Every series (optionally those whose name matches <paramref name="nameGlob"/>), ordered by canonical text.</summary>
    IReadOnlyList<SeriesInfo> ListSeries(string? nameGlob = null);

    /// <summary>How many series match <paramref name="nameGlob"/> and carry every tag, reading no point: the API sizes an answer with it before querying.</summary>
    int CountSeries(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags);

    /// <summary>Raw points in [fromNs, toNs] of every matching series: one entry per series (canonical order), points by time.</summary>
    IReadOnlyList<SeriesPoints> Query(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs);

    /// <summary>
    /// The matching series in buckets of <paramref name="stepNs"/> aligned to the epoch (UTC days for
    /// whole days): one point per bucket that has points, at the bucket's start, for the buckets from
    /// the one holding <paramref name="fromNs"/> through the one holding <paramref name="toNs"/>.
    /// </summary>
    IReadOnlyList<SeriesPoints> Query(
        string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs, long stepNs, Aggregation aggregation);

    /// <summary>The newest point of every matching series (series without points are left out).</summary>
    IReadOnlyList<SeriesPoints> Last(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags);

    /// <summary>Events in [fromNs, toNs] (optionally of one name and with all of <paramref name="tags"/>), ordered by time.</summary>
    IReadOnlyList<EventRecord> ListEvents(long fromNs, long toNs, string? name = null, IReadOnlyList<KeyValuePair<string, string>>? tags = null);

    /// <summary>Status ranges (optionally of one element) overlapping [fromNs, toNs], ordered by element then start.</summary>
    IReadOnlyList<StatusRange> ListStatus(string? element = null, long fromNs = long.MinValue, long toNs = long.MaxValue);

    /// <summary>
    /// Hands every series whose name matches <paramref name="nameGlob"/> (all if null), in canonical
    /// order, with its raw points in [fromNs, toNs] to <paramref name="visit"/>, all from one snapshot.
    /// The point list is reused between calls: memory holds one series' points, not the archive's.
    /// Strict: a damaged part fails the call.
    /// </summary>
    void ForEachSeries(string? nameGlob, long fromNs, long toNs, Action<SeriesKey, IReadOnlyList<TimePoint>> visit);

    /// <summary>Checks the whole archive (storage integrity, every point decodes, summaries agree with points); every problem is listed.</summary>
    ArchiveCheckReport Check();
}
