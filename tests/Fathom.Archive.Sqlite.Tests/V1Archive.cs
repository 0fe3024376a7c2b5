using Fathom.Archive.Sqlite;

namespace Fathom.Archive.Tests;

/// <summary>Writes a file exactly as Fathom's schema version 1 (a row per point) did.</summary>
internal static class V1Archive
{
    private static readonly string CreateSql = $$"""
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE series(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            tags TEXT NOT NULL,
            unit TEXT NOT NULL,
            canonical TEXT NOT NULL UNIQUE);
        CREATE INDEX series_name ON series(name);
        CREATE TABLE points(
            series_id INTEGER NOT NULL,
            time_ns INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY(series_id, time_ns)) WITHOUT ROWID;
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
        INSERT INTO meta(key, value) VALUES('schema_version', '1'), ('created_by', 'fathom');
        PRAGMA application_id = {{ArchiveSchema.ApplicationId}};
        PRAGMA user_version = 1;
        PRAGMA journal_mode = WAL;
        """;

    /// <summary>Creates the file with one series per name (target=a) and the given points (NaN stored as NULL, as v1 did).</summary>
    public static void Write(string path, IReadOnlyList<(string Name, long TimeNs, double Value)> points)
    {
        using var connection = SqliteConnection.Open(path, readOnly: false, TimeSpan.Zero);
        connection.Execute(CreateSql);
        connection.Execute("BEGIN");
        using var series = connection.Prepare(
            """INSERT OR IGNORE INTO series(name, tags, unit, canonical) VALUES(?1, '{"target":"a"}', 'ms', ?1 || '{target=a}')""");
        using var insert = connection.Prepare(
            "INSERT OR REPLACE INTO points(series_id, time_ns, value) VALUES((SELECT id FROM series WHERE name = ?1), ?2, ?3)");
        foreach (var (name, time, value) in points)
        {
            series.Bind(1, name);
            series.Run();
            insert.Bind(1, name);
            insert.Bind(2, time);
            if (double.IsNaN(value))
            {
                insert.BindNull(3);
            }
            else
            {
                insert.Bind(3, value);
            }

            insert.Run();
        }

        connection.Execute("INSERT INTO events(name, tags, time_ns, json) VALUES('trace', '{}', 5, '{}')");
        connection.Execute("INSERT INTO status(element, start_ns, end_ns, oper, admin) VALUES('link0', 1, 2, 'up', NULL)");
        connection.Execute("COMMIT");
    }
}
