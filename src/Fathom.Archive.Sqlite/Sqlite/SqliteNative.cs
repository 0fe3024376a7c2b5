using System.Runtime.InteropServices;

namespace Fathom.Archive.Sqlite;

/// <summary>
/// The few entry points of the system SQLite (Debian's libsqlite3-0) we use. Blittable signatures
/// only, so calls cost no marshalling; short calls that never block skip the GC transition.
/// </summary>
internal static unsafe class SqliteNative
{
    private const string Lib = "libsqlite3.so.0";

    public const int Ok = 0;
    public const int Row = 100;
    public const int Done = 101;

    public const int OpenReadOnly = 0x00000001;
    public const int OpenReadWrite = 0x00000002;
    public const int OpenCreate = 0x00000004;
    public const int OpenNoMutex = 0x00008000;
    public const int OpenExtendedResultCodes = 0x02000000;

    public const int TypeInteger = 1;
    public const int TypeFloat = 2;
    public const int TypeText = 3;
    public const int TypeBlob = 4;
    public const int TypeNull = 5;

    /// <summary>SQLITE_TRANSIENT: SQLite copies bound text before the call returns.</summary>
    public static readonly nint Transient = -1;

    [DllImport(Lib)]
    public static extern int sqlite3_open_v2(byte* filename, nint* db, int flags, byte* vfs);

    [DllImport(Lib)]
    public static extern int sqlite3_close_v2(nint db);

    [DllImport(Lib)]
    public static extern int sqlite3_exec(nint db, byte* sql, nint callback, nint arg, byte** errmsg);

    [DllImport(Lib)]
    public static extern int sqlite3_prepare_v2(nint db, byte* sql, int nByte, nint* stmt, byte** tail);

    [DllImport(Lib)]
    [SuppressGCTransition]
    public static extern int sqlite3_bind_int64(nint stmt, int index, long value);

    [DllImport(Lib)]
    [SuppressGCTransition]
    public static extern int sqlite3_bind_double(nint stmt, int index, double value);

    [DllImport(Lib)]
    public static extern int sqlite3_bind_text(nint stmt, int index, byte* text, int nBytes, nint destructor);

    [DllImport(Lib)]
    public static extern int sqlite3_bind_blob(nint stmt, int index, byte* data, int nBytes, nint destructor);

    [DllImport(Lib)]
    public static extern byte* sqlite3_column_blob(nint stmt, int col);

    [DllImport(Lib)]
    [SuppressGCTransition]
    public static extern int sqlite3_bind_null(nint stmt, int index);

    [DllImport(Lib)]
    public static extern int sqlite3_step(nint stmt);

    [DllImport(Lib)]
    public static extern int sqlite3_reset(nint stmt);

    [DllImport(Lib)]
    public static extern int sqlite3_clear_bindings(nint stmt);

    [DllImport(Lib)]
    [SuppressGCTransition]
    public static extern long sqlite3_column_int64(nint stmt, int col);

    [DllImport(Lib)]
    [SuppressGCTransition]
    public static extern double sqlite3_column_double(nint stmt, int col);

    [DllImport(Lib)]
    public static extern byte* sqlite3_column_text(nint stmt, int col);

    [DllImport(Lib)]
    [SuppressGCTransition]
    public static extern int sqlite3_column_bytes(nint stmt, int col);

    [DllImport(Lib)]
    [SuppressGCTransition]
    public static extern int sqlite3_column_type(nint stmt, int col);

    [DllImport(Lib)]
    public static extern int sqlite3_finalize(nint stmt);

    [DllImport(Lib)]
    public static extern byte* sqlite3_errmsg(nint db);

    [DllImport(Lib)]
    public static extern byte* sqlite3_errstr(int code);

    [DllImport(Lib)]
    public static extern int sqlite3_extended_errcode(nint db);

    [DllImport(Lib)]
    public static extern int sqlite3_system_errno(nint db);

    [DllImport(Lib)]
    public static extern int sqlite3_busy_timeout(nint db, int ms);

    [DllImport(Lib)]
    public static extern int sqlite3_changes(nint db);
}
