using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Archive.Postgres.Tests.Ports;

/// <summary>
/// The PostgreSQL backend as the shared suite sees it: the writer adds the agent's host tag to
/// every series that lacks one (global identity, tested in PostgresIdentityTests); the suite's
/// keys carry none, so its readers show series without that one tag, in the order of the rest.
/// </summary>
internal sealed class HostTagFreeBackend(IArchiveBackend inner, string host) : IArchiveBackend
{
    public string Type => inner.Type;

    public string DefaultLocation => inner.DefaultLocation;

    public ArchiveOptions ReadOptions(ConfigObject? block, ConfigSectionContext context) => inner.ReadOptions(block, context);

    public ArchiveOptions ForLocation(string location) => inner.ForLocation(location);

    public IReadOnlyList<ConfigException> Check(ArchiveOptions options) => inner.Check(options);

    public IReadOnlyList<string> OwnedFiles(ArchiveOptions options) => inner.OwnedFiles(options);

    public IArchiveWriter OpenWriter(ArchiveOptions options, ArchiveOpenContext context) => inner.OpenWriter(options, context);

    public IArchiveReader OpenReader(ArchiveOptions options) => new Reader(inner.OpenReader(options), host);

    public IArchiveState OpenState(ArchiveOptions options) => inner.OpenState(options);

    private sealed class Reader(IArchiveReader inner, string host) : IArchiveReader
    {
        public string Description => inner.Description;

        public string Location => inner.Location;

        public QueryCost LastQueryCost => inner.LastQueryCost;

        public IReadOnlyList<string> LastQueryProblems => inner.LastQueryProblems;

        public IReadOnlyList<SeriesInfo> ListSeries(string? nameGlob = null) =>
            [.. inner.ListSeries(nameGlob).Select(s => s with { Key = Strip(s.Key) }).OrderBy(s => s.Key.Canonical, StringComparer.Ordinal)];

        public int CountSeries(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags) => inner.CountSeries(nameGlob, tags);

        public IReadOnlyList<SeriesPoints> Query(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs) =>
            Sorted(inner.Query(nameGlob, tags, fromNs, toNs));

        public IReadOnlyList<SeriesPoints> Query(
            string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs, long stepNs, Aggregation aggregation) =>
            Sorted(inner.Query(nameGlob, tags, fromNs, toNs, stepNs, aggregation));

        public IReadOnlyList<SeriesPoints> Last(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags) => Sorted(inner.Last(nameGlob, tags));

        public IReadOnlyList<EventRecord> ListEvents(long fromNs, long toNs, string? name = null, IReadOnlyList<KeyValuePair<string, string>>? tags = null) =>
            inner.ListEvents(fromNs, toNs, name, tags);

        public IReadOnlyList<StatusRange> ListStatus(string? element = null, long fromNs = long.MinValue, long toNs = long.MaxValue) =>
            inner.ListStatus(element, fromNs, toNs);

        public void ForEachSeries(string? nameGlob, long fromNs, long toNs, Action<SeriesKey, IReadOnlyList<TimePoint>> visit)
        {
            var all = new List<(SeriesKey, List<TimePoint>)>();
            inner.ForEachSeries(nameGlob, fromNs, toNs, (key, points) => all.Add((Strip(key), [.. points])));
            foreach (var (key, points) in all.OrderBy(a => a.Item1.Canonical, StringComparer.Ordinal))
            {
                visit(key, points);
            }
        }

        public ArchiveCheckReport Check() => inner.Check();

        public void Dispose() => inner.Dispose();

        private List<SeriesPoints> Sorted(IReadOnlyList<SeriesPoints> answer) =>
            [.. answer.Select(s => s with { Key = Strip(s.Key) }).OrderBy(s => s.Key.Canonical, StringComparer.Ordinal)];

        private SeriesKey Strip(SeriesKey key) =>
            key.Tag("host") == host ? new SeriesKey(key.Name, key.Unit, key.Tags.Where(t => t is not { Key: "host" })) : key;
    }
}
