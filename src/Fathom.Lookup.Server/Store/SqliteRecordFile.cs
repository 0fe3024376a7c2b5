using System.Text;
using Fathom.Archive.Sqlite;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Server.Store;

/// <summary>
/// The lookup store on disk: one SQLite file (WAL) with a marker table naming its format and a
/// records table (uri, type, JSON, expiry). Written on every change; read once at start.
/// </summary>
internal sealed class SqliteRecordFile : IDisposable
{
    private const string Format = "fathom-lookup-1";

    private readonly SqliteConnection _db;
    private readonly SqliteStatement _upsert;
    private readonly SqliteStatement _delete;
    private readonly SqliteStatement _prune;

    private SqliteRecordFile(SqliteConnection db)
    {
        _db = db;
        _upsert = db.Prepare("INSERT INTO records(uri, type, json, expires_ms, seq) VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(uri) DO UPDATE SET json = excluded.json, expires_ms = excluded.expires_ms");
        _delete = db.Prepare("DELETE FROM records WHERE uri = ?1");
        _prune = db.Prepare("DELETE FROM records WHERE expires_ms <= ?1");
    }

    /// <summary>Opens or creates the store at <paramref name="path"/>; a file that is not a lookup store, unreadable or damaged is a <see cref="LookupStoreException"/>.</summary>
    public static SqliteRecordFile Open(string path)
    {
        SqliteConnection? db = null;
        try
        {
            db = SqliteConnection.Open(path, readOnly: false, TimeSpan.FromMilliseconds(500));

            // Held from the first write until closed: a second server on the same file would keep a second, diverging in-memory copy.
            db.Execute("PRAGMA locking_mode=EXCLUSIVE");
            var check = db.ScalarText("PRAGMA quick_check");
            if (check != "ok")
            {
                throw new LookupStoreException($"lookup store {path} is damaged: {check}");
            }

            var tables = Tables(db);
            if (tables.Count > 0 && !tables.Contains("lookup_store"))
            {
                throw new LookupStoreException($"{path} is not a lookup store: it is a SQLite database with other tables ({string.Join(", ", tables.Take(5))})");
            }

            db.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            db.Execute("CREATE TABLE IF NOT EXISTS lookup_store(format TEXT NOT NULL);"
                + "CREATE TABLE IF NOT EXISTS records(uri TEXT PRIMARY KEY, type TEXT NOT NULL, json TEXT NOT NULL, expires_ms INTEGER NOT NULL, seq INTEGER NOT NULL);");
            db.Execute("BEGIN IMMEDIATE; COMMIT;");
            var format = db.ScalarText("SELECT format FROM lookup_store");
            if (format is null)
            {
                db.Execute($"INSERT INTO lookup_store(format) VALUES('{Format}')");
            }
            else if (format != Format)
            {
                throw new LookupStoreException($"lookup store {path} has format '{format}'; this server reads '{Format}'");
            }

            var file = new SqliteRecordFile(db);
            db = null;
            return file;
        }
        catch (SqliteException e)
        {
            // SQLITE_NOTADB (26) and SQLITE_CORRUPT (11) mean the file's bytes, BUSY/LOCKED (5/6) another holder, anything else the file's access.
            var why = e.PrimaryCode switch
            {
                26 => "not a SQLite database (or damaged)",
                11 => "damaged",
                5 or 6 => "in use by another process (another lookup server?)",
                _ => "cannot be opened",
            };
            throw new LookupStoreException($"lookup store {path}: {why}: {e.SqliteMessage}", e);
        }
        finally
        {
            db?.Dispose();
        }
    }

    /// <summary>Every row expiring after <paramref name="nowMs"/>, in registration order; a row that no longer parses is a <see cref="LookupStoreException"/>.</summary>
    public IReadOnlyList<(string Uri, LookupRecord Record, long ExpiresMs, long Sequence)> Load(long nowMs)
    {
        var rows = new List<(string, LookupRecord, long, long)>();
        try
        {
            using var select = _db.Prepare("SELECT uri, json, expires_ms, seq FROM records WHERE expires_ms > ?1 ORDER BY seq");
            select.Bind(1, nowMs);
            while (select.Step())
            {
                var uri = select.Text(0) ?? "";
                var json = select.Text(1) ?? "";
                if (!LookupRecordJson.TryParse(Encoding.UTF8.GetBytes(json), out var record, out var error))
                {
                    throw new LookupStoreException($"lookup store {_db.Path} is damaged: record {uri}: {error}");
                }

                rows.Add((uri, record, select.Int64(2), select.Int64(3)));
            }
        }
        catch (SqliteException e)
        {
            throw new LookupStoreException($"lookup store {_db.Path} cannot be read: {e.SqliteMessage}", e);
        }

        return rows;
    }

    public void Save(StoredRecord stored)
    {
        _upsert.Bind(1, stored.Uri);
        _upsert.Bind(2, stored.Record.Type ?? "");
        _upsert.BindUtf8(3, LookupRecordJson.ToUtf8(stored.Record, serverScalars: false));
        _upsert.Bind(4, stored.Expires.ToUnixTimeMilliseconds());
        _upsert.Bind(5, stored.Sequence);
        _upsert.Run();
    }

    public void Delete(string uri)
    {
        _delete.Bind(1, uri);
        _delete.Run();
    }

    public int Prune(long nowMs)
    {
        _prune.Bind(1, nowMs);
        _prune.Run();
        return _db.Changes;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction (a bulk renew is one fsync, not one per record).</summary>
    public void InTransaction(Action work)
    {
        _db.Execute("BEGIN IMMEDIATE");
        try
        {
            work();
            _db.Execute("COMMIT");
        }
        catch
        {
            _db.Execute("ROLLBACK");
            throw;
        }
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
        _prune.Dispose();
        _db.Dispose();
    }

    private static List<string> Tables(SqliteConnection db)
    {
        var names = new List<string>();
        using var statement = db.Prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        while (statement.Step())
        {
            names.Add(statement.Text(0) ?? "");
        }

        return names;
    }
}
