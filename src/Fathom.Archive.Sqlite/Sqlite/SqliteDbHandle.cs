using System.Runtime.InteropServices;

namespace Fathom.Archive.Sqlite;

/// <summary>Owns a sqlite3* and closes it exactly once (close_v2 defers while statements live).</summary>
internal sealed class SqliteDbHandle : SafeHandle
{
    public SqliteDbHandle()
        : base(0, ownsHandle: true)
    {
    }

    public SqliteDbHandle(nint db)
        : base(0, ownsHandle: true) => SetHandle(db);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => SqliteNative.sqlite3_close_v2(handle) == SqliteNative.Ok;
}
