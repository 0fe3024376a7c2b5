using Fathom.Archive.Sqlite;

namespace Fathom.Archive;

/// <summary>
/// Writes points one row each (schema version 1). A later compressed-block writer takes its place
/// behind the same Add/Flush shape. A repeated (series, time) replaces the earlier value.
/// </summary>
internal sealed class RowPointWriter : IDisposable
{
    private readonly SqliteStatement _insert;

    public RowPointWriter(SqliteConnection connection) =>
        _insert = connection.Prepare("INSERT OR REPLACE INTO points(series_id, time_ns, value) VALUES(?1, ?2, ?3)");

    public void Add(long seriesId, long timeNs, double value)
    {
        _insert.Bind(1, seriesId);
        _insert.Bind(2, timeNs);
        _insert.Bind(3, value);
        _insert.Run();
    }

    /// <summary>Called before commit; rows are already written, a block writer will write its open blocks here.</summary>
    public void Flush()
    {
    }

    /// <summary>Called after a rollback; nothing is buffered in the row form.</summary>
    public void Discard()
    {
    }

    public void Dispose() => _insert.Dispose();
}
