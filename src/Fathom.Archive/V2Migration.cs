using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;

namespace Fathom.Archive;

/// <summary>
/// Gives a version 2 archive (blocks without summaries) or a version 3 one (hour summaries a row
/// per hour, a development format) the current summaries in one transaction: the rollups table
/// (kept for version 3 with its 1 min rows, whose raw blocks may be gone; its hour and day rows are
/// recomputed), then every series' hour summaries of its closed blocks and 1 min rows, a row per
/// UTC day. A crash before the commit leaves the file as it was.
/// </summary>
internal static class V2Migration
{
    public static void Run(SqliteConnection connection, bool fromVersion3)
    {
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            if (fromVersion3)
            {
                connection.Execute("DELETE FROM rollups WHERE res <> 60");
            }
            else
            {
                connection.Execute(RollupRows.TableSql);
            }

            Summarise(connection);
            connection.Execute($"UPDATE meta SET value = '{ArchiveSchema.Version}' WHERE key = 'schema_version'");
            connection.Execute($"PRAGMA user_version = {ArchiveSchema.Version}");
            connection.Execute("COMMIT");
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }

    private static void Summarise(SqliteConnection connection)
    {
        var spans = new List<(long Series, long First, long Last)>();
        // From the oldest raw block or 1 min row (version 3 kept those past their blocks) to the newest block.
        using (var select = connection.Prepare("""
            SELECT b.series_id, min(b.first, coalesce(m.first, b.first)), b.last
            FROM (SELECT series_id, min(start_ns) AS first, max(end_ns) AS last FROM blocks GROUP BY series_id) AS b
            LEFT JOIN (SELECT series_id, min(start_ns) AS first FROM rollups WHERE res = 60 GROUP BY series_id) AS m USING (series_id)
            ORDER BY b.series_id
            """))
        {
            while (select.Step())
            {
                spans.Add((select.Int64(0), select.Int64(1), select.Int64(2)));
            }
        }

        using var rows = new RollupRows(connection, writable: true);
        using var maintainer = new RollupMaintainer(connection, rows);
        foreach (var (series, first, last) in spans)
        {
            maintainer.Summarise(series, Resolutions.Floor(first, Resolutions.DayNs), Resolutions.Floor(last, Resolutions.DayNs));
        }
    }
}
