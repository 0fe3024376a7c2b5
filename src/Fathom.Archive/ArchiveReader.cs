using Fathom.Archive.Blocks;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>
/// Read-only access to an archive for the CLI and tools. Never creates a file; a missing file or
/// one that is not a Fathom archive gives an <see cref="ArchiveException"/> with a clear message.
/// Not thread-safe: one reader per thread.
/// </summary>
internal sealed class ArchiveReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly IPointSource _points;

    private ArchiveReader(SqliteConnection connection, IPointSource points)
    {
        _connection = connection;
        _points = points;
    }

    public string Path => _connection.Path;

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
                SchemaState.Version1 => new ArchiveReader(connection, new RowPointReader(connection)),
                _ => new ArchiveReader(connection, new BlockPointReader(connection)),
            };
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
    /// Points in [fromNs, toNs] of every series with this exact name whose tags include all of
    /// <paramref name="tags"/>; one entry per series (ordered by canonical text), points by time.
    /// </summary>
    public IReadOnlyList<SeriesPoints> Query(
        string name, IReadOnlyList<KeyValuePair<string, string>> tags, long fromNs, long toNs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tags);
        var result = new List<SeriesPoints>();
        InReadTransaction(() =>
        {
            using var select = _connection.Prepare(
                "SELECT id, name, tags, unit FROM series WHERE name = ?1 ORDER BY canonical");
            select.Bind(1, name);
            var matching = new List<(long Id, SeriesKey Key)>();
            while (select.Step())
            {
                var key = ReadKey(select);
                if (HasAllTags(key, tags))
                {
                    matching.Add((select.Int64(0), key));
                }
            }

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

    /// <summary>Events in [fromNs, toNs] (optionally of one name), ordered by time.</summary>
    public IReadOnlyList<EventRecord> ListEvents(long fromNs, long toNs, string? name = null)
    {
        var result = new List<EventRecord>();
        using var select = _connection.Prepare(
            "SELECT name, tags, time_ns, json FROM events WHERE time_ns BETWEEN ?1 AND ?2 AND (?3 IS NULL OR name = ?3) ORDER BY time_ns, id");
        select.Bind(1, fromNs);
        select.Bind(2, toNs);
        select.Bind(3, name);
        while (select.Step())
        {
            result.Add(new EventRecord(select.Text(0) ?? "", TagsJson.Parse(select.Text(1)), select.Int64(2), select.Text(3) ?? ""));
        }

        return result;
    }

    /// <summary>Status ranges (optionally of one element), ordered by element then start.</summary>
    public IReadOnlyList<StatusRange> ListStatus(string? element = null)
    {
        var result = new List<StatusRange>();
        using var select = _connection.Prepare(
            "SELECT element, start_ns, end_ns, oper, admin FROM status WHERE (?1 IS NULL OR element = ?1) ORDER BY element, start_ns, id");
        select.Bind(1, element);
        while (select.Step())
        {
            result.Add(new StatusRange(select.Text(0) ?? "", select.Int64(1), select.Int64(2), select.Text(3) ?? "", select.Text(4)));
        }

        return result;
    }

    public void Dispose()
    {
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
