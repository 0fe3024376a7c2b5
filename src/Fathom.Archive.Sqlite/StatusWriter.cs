using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using Microsoft.Extensions.Logging;

namespace Fathom.Archive;

/// <summary>
/// Keeps perfSONAR status ranges: the element's newest range grows while the state stays the same
/// across consecutive observations of one run (<see cref="StatusContinuity"/>), a new state or a
/// new run opens a new range, and a write older than the newest range's end is refused.
/// </summary>
internal sealed partial class StatusWriter : IDisposable
{
    private readonly Dictionary<string, Newest> _newest = new(StringComparer.Ordinal);
    private readonly SqliteStatement _selectNewest;
    private readonly SqliteStatement _insert;
    private readonly SqliteStatement _extend;
    private readonly ILogger? _logger;
    private long _refused;

    public StatusWriter(SqliteConnection connection, ILogger? logger)
    {
        _logger = logger;
        _selectNewest = connection.Prepare(
            "SELECT id, end_ns, oper, admin FROM status WHERE element = ?1 ORDER BY end_ns DESC, id DESC LIMIT 1");
        _insert = connection.Prepare(
            "INSERT INTO status(element, start_ns, end_ns, oper, admin) VALUES(?1, ?2, ?2, ?3, ?4) RETURNING id");
        _extend = connection.Prepare("UPDATE status SET end_ns = ?2 WHERE id = ?1");
    }

    /// <summary>Status writes refused because they were older than the element's newest range.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Stores the record; false when it was refused as out of order.</summary>
    public bool Add(StatusRecord record)
    {
        var newest = NewestOf(record.Element);
        if (newest is not null && record.TimeUnixNs < newest.EndNs)
        {
            Interlocked.Increment(ref _refused);
            if (_logger is not null)
            {
                Log.Refused(_logger, record.Element, record.TimeUnixNs, newest.EndNs);
            }
            return false;
        }

        if (newest is not null && StatusContinuity.Extends(record, newest.EndNs, newest.Oper, newest.Admin))
        {
            if (record.TimeUnixNs > newest.EndNs)
            {
                _extend.Bind(1, newest.Id);
                _extend.Bind(2, record.TimeUnixNs);
                _extend.Run();
                newest.EndNs = record.TimeUnixNs;
            }

            return true;
        }

        long id;
        try
        {
            _insert.Bind(1, record.Element);
            _insert.Bind(2, record.TimeUnixNs);
            _insert.Bind(3, record.Oper);
            _insert.Bind(4, record.Admin);
            _ = _insert.Step();
            id = _insert.Int64(0);
        }
        finally
        {
            _insert.Reset();
        }

        _newest[record.Element] = new Newest(id, record.TimeUnixNs, record.Oper, record.Admin);
        return true;
    }

    /// <summary>After a rollback the cached ranges may not match the file; reload them lazily.</summary>
    public void RolledBack() => _newest.Clear();

    public void Dispose()
    {
        _selectNewest.Dispose();
        _insert.Dispose();
        _extend.Dispose();
    }

    private Newest? NewestOf(string element)
    {
        if (_newest.TryGetValue(element, out var cached))
        {
            return cached;
        }

        try
        {
            _selectNewest.Bind(1, element);
            if (!_selectNewest.Step())
            {
                return null;
            }

            var newest = new Newest(_selectNewest.Int64(0), _selectNewest.Int64(1), _selectNewest.Text(2) ?? "", _selectNewest.Text(3));
            _newest[element] = newest;
            return newest;
        }
        finally
        {
            _selectNewest.Reset();
        }
    }

    private sealed class Newest(long id, long endNs, string oper, string? admin)
    {
        public long Id { get; } = id;

        public long EndNs { get; set; } = endNs;

        public string Oper { get; } = oper;

        public string? Admin { get; } = admin;
    }
}
