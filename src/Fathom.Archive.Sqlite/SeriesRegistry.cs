using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>
/// Maps series keys to row ids with an in-memory cache, so the series table is touched once per
/// new series. Ids learned inside a transaction are forgotten if it rolls back.
/// </summary>
internal sealed class SeriesRegistry : IDisposable
{
    private readonly Dictionary<SeriesKey, long> _ids = [];
    private readonly List<SeriesKey> _learnedInTransaction = [];
    private readonly SqliteStatement _select;
    private readonly SqliteStatement _insert;
    private SeriesKey? _lastKey;
    private long _lastId;

    public SeriesRegistry(SqliteConnection connection)
    {
        _select = connection.Prepare("SELECT id FROM series WHERE canonical = ?1");
        _insert = connection.Prepare("INSERT INTO series(name, tags, unit, canonical) VALUES(?1, ?2, ?3, ?4) RETURNING id");
    }

    public int CachedCount => _ids.Count;

    public long IdOf(SeriesKey key)
    {
        // Collectors reuse one key object per series, and batches often repeat it back to back.
        if (_lastKey is not null && ReferenceEquals(key, _lastKey))
        {
            return _lastId;
        }

        if (!_ids.TryGetValue(key, out var id))
        {
            id = Resolve(key);
            _ids.Add(key, id);
            _learnedInTransaction.Add(key);
        }

        _lastKey = key;
        _lastId = id;
        return id;
    }

    public void Committed() => _learnedInTransaction.Clear();

    public void RolledBack()
    {
        foreach (var key in _learnedInTransaction)
        {
            _ids.Remove(key);
        }

        _learnedInTransaction.Clear();
        _lastKey = null;
    }

    public void Dispose()
    {
        _select.Dispose();
        _insert.Dispose();
    }

    private long Resolve(SeriesKey key)
    {
        try
        {
            _select.Bind(1, key.Canonical);
            if (_select.Step())
            {
                return _select.Int64(0);
            }
        }
        finally
        {
            _select.Reset();
        }

        try
        {
            _insert.Bind(1, key.Name);
            _insert.Bind(2, TagsJson.Write(key.Tags));
            _insert.Bind(3, key.Unit);
            _insert.Bind(4, key.Canonical);
            _ = _insert.Step();
            return _insert.Int64(0);
        }
        finally
        {
            _insert.Reset();
        }
    }
}
