using System.Runtime.InteropServices;

namespace Fathom.Archive.Sqlite;

/// <summary>Owns a sqlite3_stmt* and finalizes it exactly once.</summary>
internal sealed class SqliteStatementHandle : SafeHandle
{
    public SqliteStatementHandle()
        : base(0, ownsHandle: true)
    {
    }

    public SqliteStatementHandle(nint stmt)
        : base(0, ownsHandle: true) => SetHandle(stmt);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        // finalize returns the last step's error, which was already reported; the statement is freed regardless.
        _ = SqliteNative.sqlite3_finalize(handle);
        return true;
    }
}
