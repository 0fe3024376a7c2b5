namespace Fathom.ArchiveQuery;

/// <summary>
/// The data of bench/api-query.sh, loaded alike into Fathom, InfluxDB and VictoriaMetrics:
/// 100 series × 7 days at 10 s (60,480 points each) from 2025-01-01T00:00:00Z, the names, tags
/// and "mixed" values of <see cref="QueryShape"/>; the query asks for one series, one day (the
/// 4th) at 1 min.
/// </summary>
internal static class ApiShape
{
    public const int Series = 100;
    public const long Rounds = 7L * 86_400 / 10;
    public const long Step = 10L * QueryShape.SecondNs;
}
