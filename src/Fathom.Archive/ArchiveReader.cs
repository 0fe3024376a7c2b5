using Fathom.Archive.Blocks;
using Fathom.Archive.Files;
using Fathom.Archive.Rollups;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// Read-only access to an archive for the CLI and tools. Never creates a file; a missing file or
/// one that is not a Fathom archive gives an <see cref="ArchiveException"/> with a clear message.
/// Not thread-safe: one reader per thread.
/// </summary>
internal sealed partial class ArchiveReader : IArchiveReader
{
    private readonly SqliteConnection _connection;
    private readonly IPointSource _points;
    private readonly RollupRows? _rollups;
    private readonly AggregateQuery _aggregate;

    private ArchiveReader(SqliteConnection connection, IPointSource points, RollupRows? rollups)
    {
        _connection = connection;
        _points = points;
        _rollups = rollups;
        _aggregate = new AggregateQuery(points, rollups);
    }

    /// <summary>What the last aggregating query read (tests and benchmarks check that it used the summaries).</summary>
    public QueryCost LastQueryCost { get; private set; }

    /// <summary>The corrupt blocks the last <c>Query</c> left out, each named with file, series and start.</summary>
    public IReadOnlyList<string> LastQueryProblems { get; private set; } = [];

    public string Path => _connection.Path;

    public string Description => $"sqlite {Path}";

    public string Location => Path;

    public static ArchiveReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArchiveException($"{full} is a folder, not an archive file");
        }

        if (!File.Exists(full))
        {
            throw new ArchiveException($"no archive at {full}");
        }

        SqliteConnection connection;
        try
        {
            connection = SqliteConnection.Open(full, readOnly: true, SqliteArchive.BusyTimeout);
        }
        catch (SqliteException e)
        {
            throw new ArchiveException($"cannot open archive {full}: {e.SqliteMessage}", e);
        }

        try
        {
            return ArchiveSchema.Inspect(connection) switch
            {
                SchemaState.Empty => throw new ArchiveException($"{full} is not a Fathom archive (an empty database)"),
                SchemaState.Version1 => new ArchiveReader(connection, new RowPointReader(connection), null),
                SchemaState.Version2 => new ArchiveReader(connection, new BlockPointReader(connection), null),
                _ => new ArchiveReader(connection, new BlockPointReader(connection), new RollupRows(connection, writable: false)),
            };
        }
        catch (ArchiveException e) when (e.InnerException is Sqlite.SqliteException && ArchiveHeader.DescribeDamage(full) is { } damage)
        {
            connection.Dispose();
            throw new ArchiveDamagedException($"{full}: damaged Fathom archive: {damage} (SQLite: {((Sqlite.SqliteException)e.InnerException).SqliteMessage})", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Every series (optionally those whose name matches a '*'/'?' glob), ordered by canonical text.</summary>
    public IReadOnlyList<SeriesInfo> ListSeries(string? nameGlob = null)
    {
        var result = new List<SeriesInfo>();
        InReadTransaction(() =>
        {
            var matching = AllSeries().Where(s => nameGlob is null || NameGlob.IsMatch(nameGlob, s.Key.Name)).ToList();
            _points.BeginSnapshot(nameGlob is null ? null : matching.ConvertAll(s => s.Id));
            foreach (var (id, key) in matching)
            {
                var (count, first, last) = _points.Stats(id);
                result.Add(new SeriesInfo(id, key, count, first, last));
            }
        });
        return result;
    }

    /// <summary>
    /// Points in [fromNs, toNs] of every series whose name matches <paramref name="nameGlob"/> ('*', '?';
    /// a plain name matches itself) and whose tags include all of <paramref name="tags"/>; one entry
    /// per series (ordered by canonical text), points by time.
    /// </summary>
    public IReadOnlyList<SeriesPoints> Query(
        string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs)
    {
        var result = new List<SeriesPoints>();
        TolerantRead(() =>
        {
            var matching = Select(nameGlob, tags);
            _points.BeginSnapshot(matching.ConvertAll(s => s.Id));
            foreach (var (id, key) in matching)
            {
                var points = new List<TimePoint>();
                _points.ReadRange(id, fromNs, toNs, points);
                result.Add(new SeriesPoints(key, points));
            }
        });
        return result;
    }

    /// <summary>
    /// The matching series (as <see cref="Query(string, IReadOnlyList{KeyValuePair{string, string}}, long, long)"/>)
    /// in buckets of <paramref name="stepNs"/> aligned to the epoch (UTC days for whole days): one point per
    /// bucket with points, at the bucket's start, for the buckets starting from the one holding
    /// <paramref name="fromNs"/> through the one holding <paramref name="toNs"/>. Whole buckets are
    /// aggregated. Reads the coarsest summaries the step allows (see <see cref="AggregateQuery"/>).
    /// </summary>
    public IReadOnlyList<SeriesPoints> Query(
        string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs, long stepNs, Aggregation aggregation)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepNs);

        // Far enough from the ends of long that bucket arithmetic cannot overflow (±146 years around 1970 is plenty).
        const long Limit = long.MaxValue / 4;
        var lo = Resolutions.Floor(Math.Clamp(fromNs, -Limit, Limit), stepNs);
        var last = Resolutions.Floor(Math.Clamp(toNs, -Limit, Limit), stepNs);
        var hi = last > long.MaxValue - stepNs ? long.MaxValue : last + stepNs;
        var result = new List<SeriesPoints>();
        _aggregate.ResetCost();
        TolerantRead(() =>
        {
            var matching = Select(nameGlob, tags).ConvertAll(s => (s.Id, s.Key, ClosedEnd: _points.ClosedEnd(s.Id)));

            // Only series whose range reaches past their closed blocks need the journal of open blocks.
            _points.BeginSnapshot(matching.Where(s => hi - 1 > s.ClosedEnd).Select(s => s.Id).ToList());
            foreach (var (id, key, closedEnd) in matching)
            {
                var buckets = _aggregate.Run(id, closedEnd, lo, hi, stepNs);
                var points = new List<TimePoint>(buckets.Count);
                for (var i = 0; i < buckets.Count; i++)
                {
                    var bucket = buckets[i];
                    points.Add(new TimePoint(bucket.Start, bucket.ValueOf(aggregation)));
                }

                result.Add(new SeriesPoints(key, points));
            }
        });
        LastQueryCost = new QueryCost(_aggregate.DayRows, _aggregate.HourRows, _aggregate.MinuteRows, _aggregate.RawPoints);
        return result;
    }

    /// <summary>The newest point of every matching series (series without points are left out).</summary>
    public IReadOnlyList<SeriesPoints> Last(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var result = new List<SeriesPoints>();
        InReadTransaction(() =>
        {
            var matching = Select(nameGlob, tags);
            _points.BeginSnapshot(matching.ConvertAll(s => s.Id));
            var points = new List<TimePoint>();
            foreach (var (id, key) in matching)
            {
                if (_points.NewestTime(id) is not { } newest)
                {
                    continue;
                }

                points.Clear();
                _points.ReadRange(id, newest, newest, points);
                if (points.Count > 0)
                {
                    result.Add(new SeriesPoints(key, [points[^1]]));
                }
            }
        });
        return result;
    }

    /// <summary>Events in [fromNs, toNs] (optionally of one name and with all of <paramref name="tags"/>), ordered by time.</summary>
    public IReadOnlyList<EventRecord> ListEvents(
        long fromNs, long toNs, string? name = null, IReadOnlyList<KeyValuePair<string, string>>? tags = null)
    {
        var result = new List<EventRecord>();
        using var select = _connection.Prepare(
            "SELECT name, tags, time_ns, json FROM events WHERE time_ns BETWEEN ?1 AND ?2 AND (?3 IS NULL OR name = ?3) ORDER BY time_ns, id");
        select.Bind(1, fromNs);
        select.Bind(2, toNs);
        select.Bind(3, name);
        while (select.Step())
        {
            var eventTags = TagsJson.Parse(select.Text(1));
            if (tags is null || ContainsAll(eventTags, tags))
            {
                result.Add(new EventRecord(select.Text(0) ?? "", eventTags, select.Int64(2), select.Text(3) ?? ""));
            }
        }

        return result;
    }

    /// <summary>Status ranges (optionally of one element) overlapping [fromNs, toNs], ordered by element then start.</summary>
    public IReadOnlyList<StatusRange> ListStatus(string? element = null, long fromNs = long.MinValue, long toNs = long.MaxValue)
    {
        var result = new List<StatusRange>();
        using var select = _connection.Prepare(
            "SELECT element, start_ns, end_ns, oper, admin FROM status WHERE (?1 IS NULL OR element = ?1) AND end_ns >= ?2 AND start_ns <= ?3 ORDER BY element, start_ns, id");
        select.Bind(1, element);
        select.Bind(2, fromNs);
        select.Bind(3, toNs);
        while (select.Step())
        {
            result.Add(new StatusRange(select.Text(0) ?? "", select.Int64(1), select.Int64(2), select.Text(3) ?? "", select.Text(4)));
        }

        return result;
    }

    // A query prints what is readable: corrupt blocks are left out and listed in LastQueryProblems.
    private void TolerantRead(Action read)
    {
        var skipped = new List<string>();
        _points.Skipped = skipped;
        try
        {
            InReadTransaction(read);
        }
        finally
        {
            _points.Skipped = null;
        }

        LastQueryProblems = skipped;
    }

    public void Dispose()
    {
        _rollups?.Dispose();
        _points.Dispose();
        _connection.Dispose();
    }

    private static SeriesKey ReadKey(SqliteStatement row) =>
        new(row.Text(1) ?? "", row.Text(3) ?? "", TagsJson.Parse(row.Text(2)));

    private static bool HasAllTags(SeriesKey key, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        foreach (var tag in tags)
        {
            if (key.Tag(tag.Key) != tag.Value)
            {
                return false;
            }
        }

        return true;
    }

    // Series whose name matches the glob (a plain name through the name index) and that carry every
    // tag; SQLite's JSON functions test the tags, so only matching rows are parsed here.
    private List<(long Id, SeriesKey Key)> Select(string nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(nameGlob);
        ArgumentNullException.ThrowIfNull(tags);
        var exact = nameGlob.AsSpan().IndexOfAny('*', '?') < 0;
        var sql = new System.Text.StringBuilder("SELECT id, name, tags, unit FROM series WHERE 1");
        if (exact)
        {
            sql.Append(" AND name = ?1");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                $" AND EXISTS (SELECT 1 FROM json_each(series.tags) WHERE key = ?{2 + (2 * i)} AND value = ?{3 + (2 * i)})");
        }

        sql.Append(" ORDER BY canonical");
        var result = new List<(long, SeriesKey)>();
        using var select = _connection.Prepare(sql.ToString());
        if (exact)
        {
            select.Bind(1, nameGlob);
        }

        for (var i = 0; i < tags.Count; i++)
        {
            select.Bind(2 + (2 * i), tags[i].Key);
            select.Bind(3 + (2 * i), tags[i].Value);
        }

        while (select.Step())
        {
            var key = ReadKey(select);
            if ((exact || NameGlob.IsMatch(nameGlob, key.Name)) && HasAllTags(key, tags))
            {
                result.Add((select.Int64(0), key));
            }
        }

        return result;
    }

    private List<(long Id, SeriesKey Key)> AllSeries()
    {
        var all = new List<(long, SeriesKey)>();
        using var select = _connection.Prepare("SELECT id, name, tags, unit FROM series ORDER BY canonical");
        while (select.Step())
        {
            all.Add((select.Int64(0), ReadKey(select)));
        }

        return all;
    }

    // One read transaction so a listing sees one snapshot while the daemon keeps writing.
    private void InReadTransaction(Action read)
    {
        _connection.Execute("BEGIN");
        try
        {
            read();
        }
        finally
        {
            _connection.Execute("COMMIT");
        }
    }
}
