using Fathom.Core.Files;

namespace Fathom.Archive.Sqlite;

/// <summary>
/// One SQLite connection, used by one thread at a time (opened with NOMUTEX). Errors become
/// <see cref="SqliteException"/> with SQLite's message and the file path.
/// </summary>
public sealed unsafe class SqliteConnection : IDisposable
{
    private const int IoError = 10;
    private const int CannotOpen = 14;

    private readonly SqliteDbHandle _handle;
    private readonly nint _db;

    private SqliteConnection(string path, SqliteDbHandle handle)
    {
        Path = path;
        _handle = handle;
        _db = handle.DangerousGetHandle();
    }

    public string Path { get; }

    /// <summary>Rows changed by the last INSERT, UPDATE or DELETE.</summary>
    public int Changes => SqliteNative.sqlite3_changes(_db);

    public static SqliteConnection Open(string path, bool readOnly, TimeSpan busyTimeout)
    {
        var flags = SqliteNative.OpenNoMutex | SqliteNative.OpenExtendedResultCodes
            | (readOnly ? SqliteNative.OpenReadOnly : SqliteNative.OpenReadWrite | SqliteNative.OpenCreate);
        var name = Utf8Text.NulTerminated(path);
        nint db = 0;
        int rc;
        fixed (byte* p = name)
        {
            rc = SqliteNative.sqlite3_open_v2(p, &db, flags, null);
        }

        // open_v2 may hand back a handle even on failure; it must be closed either way.
        var handle = new SqliteDbHandle(db);
        if (rc != SqliteNative.Ok)
        {
            var message = db != 0 ? Utf8Text.FromC(SqliteNative.sqlite3_errmsg(db)) : Utf8Text.FromC(SqliteNative.sqlite3_errstr(rc));
            handle.Dispose();
            throw new SqliteException(path, rc, message);
        }

        var connection = new SqliteConnection(path, handle);
        _ = SqliteNative.sqlite3_busy_timeout(db, (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue));
        return connection;
    }

    /// <summary>Runs one or more statements that return no rows the caller needs.</summary>
    public void Execute(string sql)
    {
        var text = Utf8Text.NulTerminated(sql);
        int rc;
        fixed (byte* p = text)
        {
            rc = SqliteNative.sqlite3_exec(_db, p, 0, 0, null);
        }

        if (rc != SqliteNative.Ok)
        {
            throw Error(rc);
        }
    }

    public SqliteStatement Prepare(string sql)
    {
        var text = Utf8Text.NulTerminated(sql);
        nint stmt = 0;
        int rc;
        fixed (byte* p = text)
        {
            rc = SqliteNative.sqlite3_prepare_v2(_db, p, text.Length, &stmt, null);
        }

        if (rc != SqliteNative.Ok)
        {
            throw Error(rc);
        }

        return new SqliteStatement(this, new SqliteStatementHandle(stmt));
    }

    /// <summary>Runs a query returning one value in the first column of its first row (null if no row).</summary>
    public string? ScalarText(string sql)
    {
        using var statement = Prepare(sql);
        return statement.Step() ? statement.Text(0) : null;
    }

    public long ScalarInt64(string sql)
    {
        using var statement = Prepare(sql);
        return statement.Step() ? statement.Int64(0) : 0;
    }

    /// <summary>Builds the exception for a failed call from the connection's last error.</summary>
    public SqliteException Error(int rc)
    {
        var extended = SqliteNative.sqlite3_extended_errcode(_db);
        var message = Utf8Text.FromC(SqliteNative.sqlite3_errmsg(_db));

        // "disk I/O error" alone does not say why; the system's errno does (no space, read-only, ...).
        if ((extended & 0xFF) is IoError or CannotOpen && SqliteNative.sqlite3_system_errno(_db) is var errno and > 0)
        {
            message = $"{message}: {FileCalls.ErrorText(errno)}";
        }

        return new SqliteException(Path, extended != 0 ? extended : rc, message);
    }

    public void Dispose() => _handle.Dispose();
}
