using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// The archive's on-disk layout, version 4: points as compressed per-series blocks plus the
/// journal of open-block points, and the summaries (rollups: hours a row per day, 1 min and 1 d
/// rows kept past retention). Older versions are migrated on open by the writer: 1 (a row per
/// point) to 2, then 2 to 4 (summaries computed). Version 3 was never released.
/// </summary>
internal static class ArchiveSchema
{
    /// <summary>PRAGMA application_id: "FTHM", so any SQLite tool can tell a Fathom archive.</summary>
    public const int ApplicationId = 0x4654484D;

    public const int Version = 4;

    public const int PageSize = 16384;

    /// <summary>
    /// Closed blocks of encoded points, and open-block points journaled per batch (see BlockPointWriter).
    /// Blocks sit in a rowid table (appends fill pages; a table clustered by series split them half
    /// empty: 2.6x the bytes) with a small index by series and start.
    /// </summary>
    public const string PointTablesSql = """
        CREATE TABLE blocks(
            id INTEGER PRIMARY KEY,
            series_id INTEGER NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER NOT NULL,
            count INTEGER NOT NULL,
            data BLOB NOT NULL);
        CREATE UNIQUE INDEX blocks_series_start ON blocks(series_id, start_ns);
        CREATE TABLE journal(
            id INTEGER PRIMARY KEY,
            points INTEGER NOT NULL,
            data BLOB NOT NULL);
        """;

    private const string CreateSql = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE series(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            tags TEXT NOT NULL,
            unit TEXT NOT NULL,
            canonical TEXT NOT NULL UNIQUE);
        CREATE INDEX series_name ON series(name);
        CREATE TABLE events(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            tags TEXT NOT NULL,
            time_ns INTEGER NOT NULL,
            json TEXT NOT NULL);
        CREATE INDEX events_time ON events(time_ns);
        CREATE TABLE status(
            id INTEGER PRIMARY KEY,
            element TEXT NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER NOT NULL,
            oper TEXT NOT NULL,
            admin TEXT);
        CREATE INDEX status_element_end ON status(element, end_ns);
        """;

    /// <summary>Tells an empty file from a current archive; anything else is refused with a clear message.</summary>
    public static SchemaState Inspect(SqliteConnection connection)
    {
        long applicationId;
        long userVersion;
        long objects;
        try
        {
            applicationId = connection.ScalarInt64("PRAGMA application_id");
            userVersion = connection.ScalarInt64("PRAGMA user_version");
            objects = connection.ScalarInt64("SELECT count(*) FROM sqlite_master");
        }
        catch (SqliteException e) when (e.PrimaryCode is SqliteCodes.NotADatabase or SqliteCodes.Corrupt)
        {
            throw new ArchiveException($"{connection.Path} is not a Fathom archive: {e.SqliteMessage}", e);
        }

        if (applicationId == 0 && objects == 0)
        {
            return SchemaState.Empty;
        }

        if (applicationId != ApplicationId)
        {
            throw new ArchiveException($"{connection.Path} is not a Fathom archive (an SQLite database of another application)");
        }

        if (userVersion > Version)
        {
            throw new ArchiveException(
                $"{connection.Path} has archive schema version {userVersion}; this Fathom reads up to version {Version}");
        }

        if (userVersion == 1)
        {
            return SchemaState.Version1;
        }

        if (userVersion == 2)
        {
            return SchemaState.Version2;
        }


        if (userVersion < Version)
        {
            throw new ArchiveException($"{connection.Path} has unknown archive schema version {userVersion}");
        }

        return SchemaState.Current;
    }

    /// <summary>Creates every table in one transaction, so a crash leaves an empty file, not half a schema.</summary>
    public static void Create(SqliteConnection connection)
    {
        // Before the first table: 16 KiB pages waste less at the end of each page for blocks of ~0.1-2 KiB.
        connection.Execute($"PRAGMA page_size = {PageSize}");
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            connection.Execute(CreateSql);
            connection.Execute(PointTablesSql);
            connection.Execute(Rollups.RollupRows.TableSql);
            connection.Execute($"INSERT INTO meta(key, value) VALUES('schema_version', '{Version}'), ('created_by', 'fathom')");
            connection.Execute($"PRAGMA application_id = {ApplicationId}");
            connection.Execute($"PRAGMA user_version = {Version}");
            connection.Execute("COMMIT");
        }
        catch
        {
            // A failed COMMIT (full disk) may leave no transaction: keep the first error, not ROLLBACK's.
            try
            {
                connection.Execute("ROLLBACK");
            }
            catch (SqliteException)
            {
            }

            throw;
        }
    }
}
