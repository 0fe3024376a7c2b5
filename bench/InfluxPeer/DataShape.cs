using Fathom.ArchiveQuery;

namespace Fathom.InfluxPeer;

/// <summary>Which points a write sends: the series' measurement name and tag, first time and step.</summary>
internal sealed record DataShape(string Name, string TagKey, Func<int, string> TagValue, long T0, long Step)
{
    /// <summary>bench/archive-ingest.sh: the same keys, start and 10 s step as bench/ArchiveIngest.</summary>
    public static readonly DataShape Ingest = new("bench.value", "target", s => $"t{s:D5}", 1_795_255_200L * 1_000_000_000L, 10L * 1_000_000_000L);

    /// <summary>bench/archive-query.sh: see <see cref="QueryShape"/>.</summary>
    public static readonly DataShape Query = new(QueryShape.Name, QueryShape.TagKey, QueryShape.SeriesTag, QueryShape.T0, QueryShape.Step);

    /// <summary>bench/api-query.sh: see <see cref="ApiShape"/> (also sent to VictoriaMetrics' /write).</summary>
    public static readonly DataShape Api = new(QueryShape.Name, QueryShape.TagKey, QueryShape.SeriesTag, QueryShape.T0, ApiShape.Step);

    public static DataShape Parse(string name) => name switch
    {
        "ingest" => Ingest,
        "query" => Query,
        "api" => Api,
        _ => throw new ArgumentException($"unknown shape '{name}' (ingest|query|api)"),
    };
}
