namespace Fathom.ArchiveQuery;

/// <summary>
/// The data and the three queries of bench/archive-query.sh, shared by the Fathom driver and the
/// InfluxDB client: 1,000 series × 100,000 points at a 315 s step (one year per series) from
/// 2025-01-01T00:00:00Z, name "bench.value", tag series=sNNNN, "mixed" values written round by round.
/// </summary>
internal static class QueryShape
{
    public const string Name = "bench.value";
    public const string TagKey = "series";
    public const long SecondNs = 1_000_000_000L;
    public const long DayNs = 86_400L * SecondNs;
    public const long T0 = 1_735_689_600L * SecondNs;
    public const long Step = 315L * SecondNs;

    /// <summary>The one series of queries (a) and (c).</summary>
    public const string OneSeries = "s0042";

    /// <summary>Query (a): one day (the 101st) at 1 min.</summary>
    public const long DayFrom = T0 + (100 * DayNs);
    public const long DayTo = DayFrom + DayNs;
    public const long MinuteNs = 60L * SecondNs;

    /// <summary>Query (c): one year at 1 day.</summary>
    public const long YearFrom = T0;
    public const long YearTo = T0 + (365 * DayNs);

    public static string SeriesTag(int s) => $"s{s:D4}";
}
