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
internal sealed partial class ArchiveReader : SeriesQueryEngine
{
    private readonly SqliteConnection _connection;
    private readonly RollupRows? _rollups;

    private ArchiveReader(SqliteConnection connection, IPointSource points, RollupRows? rollups)
        : base(points, rollups)
    {
        _connection = connection;
        _rollups = rollups;
    }

    public string Path => _connection.Path;

    public override string Description => $"sqlite {Path}";

    public override string Location => Path;

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

    /// <inheritdoc/>
    protected override IReadOnlyList<EventRecord> ReadEvents(long fromNs, long toNs, string? name, IReadOnlyList<KeyValuePair<string, string>>? tags)
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

    /// <inheritdoc/>
    protected override IReadOnlyList<StatusRange> ReadStatus(string? element, long fromNs, long toNs)
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rollups?.Dispose();
        }

        base.Dispose(disposing);
        if (disposing)
        {
            _connection.Dispose();
        }
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
    protected override List<(long Id, SeriesKey Key)> SelectSeries(string? nameGlob, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (nameGlob is null && tags.Count == 0)
        {
            return AllSeries();
        }

        nameGlob ??= "*";
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
    protected override void InSnapshot(Action read)
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
