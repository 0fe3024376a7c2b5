using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;

namespace Fathom.Archive;

/// <summary>
/// Gives a version 2 archive (blocks without summaries) the current summaries in one transaction:
/// the rollups table, then every series' hour summaries of its closed blocks, a row per UTC day.
/// A crash before the commit leaves the file as it was.
/// </summary>
internal static class V2Migration
{
    public static void Run(SqliteConnection connection)
    {
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            connection.Execute(RollupRows.TableSql);

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
        using (var select = connection.Prepare("SELECT series_id, min(start_ns), max(end_ns) FROM blocks GROUP BY series_id ORDER BY series_id"))
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
