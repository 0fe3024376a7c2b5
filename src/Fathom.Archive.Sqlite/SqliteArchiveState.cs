using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// The archive's named values in a <c>state</c> table of the archive file (created if missing),
/// on a connection of its own: WAL lets it write beside the daemon's writer, each change a short
/// transaction of its own, waiting out the writer's batch commits.
/// </summary>
internal sealed class SqliteArchiveState : IArchiveState
{
    /// <summary>The table; <c>fathom archive check</c> ignores tables it does not read.</summary>
    public const string TableSql = "CREATE TABLE IF NOT EXISTS state(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID";

    // Long enough to ride out a writer's batch commit or retention pass.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _get;
    private readonly SqliteStatement _set;
    private readonly SqliteStatement _remove;
    private readonly SqliteStatement _list;

    private SqliteArchiveState(SqliteConnection connection)
    {
        _connection = connection;
        _get = connection.Prepare("SELECT value FROM state WHERE name = ?1");
        _set = connection.Prepare("INSERT INTO state(name, value) VALUES(?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
        _remove = connection.Prepare("DELETE FROM state WHERE name = ?1");
        _list = connection.Prepare("SELECT name, value FROM state WHERE substr(name, 1, length(?1)) = ?1 ORDER BY name");
    }

    /// <summary>Opens the state of the archive at <paramref name="path"/>, which the writer has created.</summary>
    public static SqliteArchiveState Open(string path)
    {
        SqliteConnection? connection = null;
        try
        {
            connection = SqliteConnection.Open(path, readOnly: false, BusyTimeout);
            if (ArchiveSchema.Inspect(connection) == SchemaState.Empty)
            {
                throw new ArchiveException($"{path} is not an archive yet: its writer creates it");
            }

            // The writer set WAL already; asking again is harmless and covers a file written by an older Fathom.
            _ = connection.ScalarText("PRAGMA journal_mode = WAL");
            connection.Execute("PRAGMA synchronous = NORMAL");
            connection.Execute(TableSql);
            return new SqliteArchiveState(connection);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw new ArchiveException($"cannot open the archive's state in {path}: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    public string? Get(string name)
    {
        lock (_lock)
        {
            try
            {
                _get.Bind(1, name);
                return _get.Step() ? _get.Text(0) : null;
            }
            catch (SqliteException e)
            {
                throw new ArchiveException($"cannot read the archive's state: {e.Message}", e);
            }
            finally
            {
                _get.Reset();
            }
        }
    }

    public void Set(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            try
            {
                if (value is null)
                {
                    _remove.Bind(1, name);
                    _remove.Run();
                }
                else
                {
                    _set.Bind(1, name);
                    _set.Bind(2, value);
                    _set.Run();
                }
            }
            catch (SqliteException e)
            {
                throw new ArchiveException($"cannot write the archive's state: {e.Message}", e);
            }
        }
    }

    public IReadOnlyDictionary<string, string> List(string prefix)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_lock)
        {
            try
            {
                _list.Bind(1, prefix);
                while (_list.Step())
                {
                    values[_list.Text(0)!] = _list.Text(1) ?? "";
                }
            }
            catch (SqliteException e)
            {
                throw new ArchiveException($"cannot read the archive's state: {e.Message}", e);
            }
            finally
            {
                _list.Reset();
            }
        }

        return values;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _get.Dispose();
            _set.Dispose();
            _remove.Dispose();
            _list.Dispose();
            _connection.Dispose();
        }
    }
}
