using System.Globalization;
using System.Text;
using System.Text.Json;
using Fathom.Api.Client.Wire;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Api.Client;

/// <summary>
/// The archive's read port over a running fathomd's HTTP API (fathom's --url): series, query,
/// events and status as the daemon's own reader answers them, so a command prints the same as
/// with --archive. What the API does not serve (last points, full scans, checks) is refused
/// with a message. Values JSON cannot hold (NaN, ±∞) arrive as NaN.
/// </summary>
public sealed class HttpArchiveReader(Uri baseAddress) : IArchiveReader
{
    private readonly ApiClient _api = new(baseAddress);

    public string Description => $"api {baseAddress}";

    public string Location => baseAddress.ToString();

    public QueryCost LastQueryCost { get; private set; } = default;

    public IReadOnlyList<string> LastQueryProblems { get; private set; } = [];

    public IReadOnlyList<SeriesInfo> ListSeries(string? nameGlob = null)
    {
        var list = _api.Get("/api/v1/series" + new QueryString().Add("name", nameGlob), ApiJson.Default.SeriesListDto)!;
        return [.. list.Series.Select((s, i) => new SeriesInfo(i, Key(s.Name, s.Unit, s.Tags), s.Points, s.First, s.Last))];
    }

    public int CountSeries(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var list = _api.Get("/api/v1/series" + new QueryString().Add("name", nameGlob).Tags(tags), ApiJson.Default.SeriesListDto)!;
        return list.Series.Count;
    }

    public IReadOnlyList<SeriesPoints> Query(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs) =>
        RunQuery(new QueryString().Add("name", nameGlob).Tags(tags).Range(fromNs, toNs));

    public IReadOnlyList<SeriesPoints> Query(
        string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs, long stepNs, Aggregation aggregation)
    {
        var step = (stepNs / 1e6).ToString("R", CultureInfo.InvariantCulture) + "ms";
        return RunQuery(new QueryString().Add("name", nameGlob).Tags(tags).Range(fromNs, toNs).Add("step", step).Add("agg", aggregation.ToString().ToLowerInvariant()));
    }

    public IReadOnlyList<SeriesPoints> Last(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags) => throw NotServed("the newest points");

    public IReadOnlyList<EventRecord> ListEvents(long fromNs, long toNs, string? name = null, IReadOnlyList<KeyValuePair<string, string>>? tags = null)
    {
        var list = _api.Get("/api/v1/events" + new QueryString().Add("name", name).Tags(tags ?? []).Range(fromNs, toNs), ApiJson.Default.EventListDto)!;
        return [.. list.Events.Select(e => new EventRecord(e.Name, [.. e.Tags], e.Time, Json(e.Data)))];
    }

    public IReadOnlyList<StatusRange> ListStatus(string? element = null, long fromNs = long.MinValue, long toNs = long.MaxValue)
    {
        var list = _api.Get("/api/v1/status" + new QueryString().Add("element", element).Range(fromNs, toNs), ApiJson.Default.StatusListDto)!;
        return [.. list.Elements.SelectMany(e => e.Ranges.Select(r => new StatusRange(e.Element, r.Start, r.End, r.Oper, r.Admin)))];
    }

    public void ForEachSeries(string? nameGlob, long fromNs, long toNs, Action<SeriesKey, IReadOnlyList<TimePoint>> visit) => throw NotServed("a scan of every series");

    public ArchiveCheckReport Check() => throw NotServed("an archive check");

    public void Dispose() => _api.Dispose();

    private List<SeriesPoints> RunQuery(QueryString query)
    {
        // The API answers 404 when no series matches; the read port answers with none.
        var result = _api.Get("/api/v1/query" + query, ApiJson.Default.QueryResultDto, notFoundIsEmpty: true);
        LastQueryProblems = result?.Problems ?? [];
        return result is null ? [] : [.. result.Series.Select(Points)];
    }

    private static SeriesPoints Points(SeriesPointsDto s)
    {
        var points = new TimePoint[s.T.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new TimePoint(s.T[i], s.V[i] ?? double.NaN);
        }

        return new SeriesPoints(Key(s.Name, s.Unit, s.Tags), points);
    }

    private static SeriesKey Key(string name, string unit, IReadOnlyDictionary<string, string> tags) => new(name, unit, Sorted(tags));

    private static IEnumerable<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string> tags) =>
        tags.OrderBy(t => t.Key, StringComparer.Ordinal);

    // The daemon parses each stored document; one that was not JSON comes back as a JSON string of its text.
    private static string Json(JsonElement data) => data.ValueKind == JsonValueKind.String ? data.GetString()! : data.GetRawText();

    private ArchiveException NotServed(string what) => new(ArchiveErrorKind.Unusable, $"{what} is not served by the API at {baseAddress}: use --archive FILE");

    /// <summary>A query string, each value escaped; times as Unix nanoseconds (the API takes them), open ends left to the API's defaults' opposite: the whole archive.</summary>
    private sealed class QueryString
    {
        private readonly StringBuilder _text = new();

        public QueryString Add(string name, string? value)
        {
            if (value is not null)
            {
                _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }

            return this;
        }

        public QueryString Tags(IReadOnlyList<KeyValuePair<string, string>> tags)
        {
            foreach (var (key, value) in tags)
            {
                Add("tag", $"{key}={value}");
            }

            return this;
        }

        public QueryString Range(long fromNs, long toNs) =>
            Add("from", Math.Max(fromNs, 0).ToString(CultureInfo.InvariantCulture)).Add("to", Math.Max(toNs, 0).ToString(CultureInfo.InvariantCulture));

        public override string ToString() => _text.ToString();
    }
}
