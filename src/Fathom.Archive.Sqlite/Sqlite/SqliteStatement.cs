using System.Buffers;
using System.Text;

namespace Fathom.Archive.Sqlite;

/// <summary>
/// A prepared statement meant to be reused: bind, step, reset. Numeric binds and column reads
/// allocate nothing; text binds encode into a stack buffer and let SQLite copy them.
/// </summary>
public sealed unsafe class SqliteStatement : IDisposable
{
    private const int StackTextBytes = 512;

    private readonly SqliteConnection _connection;
    private readonly SqliteStatementHandle _handle;
    private readonly nint _stmt;

    internal SqliteStatement(SqliteConnection connection, SqliteStatementHandle handle)
    {
        _connection = connection;
        _handle = handle;
        _stmt = handle.DangerousGetHandle();
    }

    public void Bind(int index, long value) => Check(SqliteNative.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, double value) => Check(SqliteNative.sqlite3_bind_double(_stmt, index, value));

    public void BindNull(int index) => Check(SqliteNative.sqlite3_bind_null(_stmt, index));

    public void Bind(int index, ReadOnlySpan<char> text)
    {
        Span<byte> buffer = stackalloc byte[StackTextBytes];
        var utf8 = Utf8Text.Encode(text, buffer, out var rented);
        try
        {
            BindUtf8(index, utf8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Bind(int index, string? text)
    {
        if (text is null)
        {
            BindNull(index);
        }
        else
        {
            Bind(index, text.AsSpan());
        }
    }

    public void BindUtf8(int index, ReadOnlySpan<byte> utf8)
    {
        // A non-null pointer even for empty text, so SQLite stores '' rather than NULL.
        byte empty = 0;
        fixed (byte* p = utf8)
        {
            var ptr = utf8.IsEmpty ? &empty : p;
            Check(SqliteNative.sqlite3_bind_text(_stmt, index, ptr, utf8.Length, SqliteNative.Transient));
        }
    }

    /// <summary>Binds bytes that SQLite copies before the call returns (an empty span stores a zero-length blob).</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> data)
    {
        byte empty = 0;
        fixed (byte* p = data)
        {
            var ptr = data.IsEmpty ? &empty : p;
            Check(SqliteNative.sqlite3_bind_blob(_stmt, index, ptr, data.Length, SqliteNative.Transient));
        }
    }

    /// <summary>A blob column's bytes, valid only until the next Step, Reset or column read of this statement.</summary>
    public ReadOnlySpan<byte> Blob(int column)
    {
        var p = SqliteNative.sqlite3_column_blob(_stmt, column);
        var length = SqliteNative.sqlite3_column_bytes(_stmt, column);
        return p is null ? [] : new ReadOnlySpan<byte>(p, length);
    }

    /// <summary>Advances; true when a row is ready, false when done; throws on error.</summary>
    public bool Step()
    {
        var rc = SqliteNative.sqlite3_step(_stmt);
        return rc switch
        {
            SqliteNative.Row => true,
            SqliteNative.Done => false,
            _ => throw _connection.Error(rc),
        };
    }

    /// <summary>Steps a statement that returns no rows, then resets it for reuse.</summary>
    public void Run()
    {
        try
        {
            _ = Step();
        }
        finally
        {
            Reset();
        }
    }

    public void Reset()
    {
        // reset repeats the last step's error, which Step already threw.
        _ = SqliteNative.sqlite3_reset(_stmt);
    }

    public void ClearBindings() => _ = SqliteNative.sqlite3_clear_bindings(_stmt);

    public int ColumnType(int column) => SqliteNative.sqlite3_column_type(_stmt, column);

    public bool IsNull(int column) => ColumnType(column) == SqliteNative.TypeNull;

    public long Int64(int column) => SqliteNative.sqlite3_column_int64(_stmt, column);

    public double Double(int column) => SqliteNative.sqlite3_column_double(_stmt, column);

    public string? Text(int column)
    {
        var p = SqliteNative.sqlite3_column_text(_stmt, column);
        if (p is null)
        {
            return null;
        }

        var length = SqliteNative.sqlite3_column_bytes(_stmt, column);
        return Encoding.UTF8.GetString(p, length);
    }

    public void Dispose() => _handle.Dispose();

    private void Check(int rc)
    {
        if (rc != SqliteNative.Ok)
        {
            throw _connection.Error(rc);
        }
    }
}
