using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Api.Tests.Support;

/// <summary>A real reader that counts how many of its kind are open (to see the API close what it opened).</summary>
internal sealed class CountingReader(IArchiveReader inner, Action closed) : IArchiveReader
{
    public string Description => inner.Description;

    public string Location => inner.Location;

    public QueryCost LastQueryCost => inner.LastQueryCost;

    public IReadOnlyList<string> LastQueryProblems => inner.LastQueryProblems;

    public IReadOnlyList<SeriesInfo> ListSeries(string? nameGlob = null) => inner.ListSeries(nameGlob);

    public int CountSeries(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags) => inner.CountSeries(nameGlob, tags);

    public IReadOnlyList<SeriesPoints> Query(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs) =>
        inner.Query(nameGlob, tags, fromNs, toNs);

    public IReadOnlyList<SeriesPoints> Query(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs, long stepNs, Aggregation aggregation) =>
        inner.Query(nameGlob, tags, fromNs, toNs, stepNs, aggregation);

    public IReadOnlyList<SeriesPoints> Last(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags) => inner.Last(nameGlob, tags);

    public IReadOnlyList<EventRecord> ListEvents(long fromNs, long toNs, string? name = null, IReadOnlyList<KeyValuePair<string, string>>? tags = null) =>
        inner.ListEvents(fromNs, toNs, name, tags);

    public IReadOnlyList<StatusRange> ListStatus(string? element = null, long fromNs = long.MinValue, long toNs = long.MaxValue) =>
        inner.ListStatus(element, fromNs, toNs);

    public void ForEachSeries(string? nameGlob, long fromNs, long toNs, Action<SeriesKey, IReadOnlyList<TimePoint>> visit) =>
        inner.ForEachSeries(nameGlob, fromNs, toNs, visit);

    public ArchiveCheckReport Check() => inner.Check();

    public void Dispose()
    {
        inner.Dispose();
        closed();
    }
}
