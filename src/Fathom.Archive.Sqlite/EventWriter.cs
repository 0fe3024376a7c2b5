using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;

namespace Fathom.Archive;

/// <summary>Appends event records; their JSON is stored as given.</summary>
internal sealed class EventWriter : IDisposable
{
    private readonly SqliteStatement _insert;

    public EventWriter(SqliteConnection connection) =>
        _insert = connection.Prepare("INSERT INTO events(name, tags, time_ns, json) VALUES(?1, ?2, ?3, ?4)");

    public void Add(EventRecord record)
    {
        _insert.Bind(1, record.Name);
        _insert.Bind(2, TagsJson.Write(record.Tags));
        _insert.Bind(3, record.TimeUnixNs);
        _insert.Bind(4, record.Json);
        _insert.Run();
    }

    public void Dispose() => _insert.Dispose();
}
