using Fathom.Core.Measurements;
using Npgsql;
using static Fathom.Archive.Postgres.Tests.PgTest;

namespace Fathom.Archive.Postgres.Tests;

public sealed class PostgresReaderTests
{
    [Fact]
    public async Task Query_AnotherAgentsJournalUnreadable_ReadsOnlyTheOwnersChunks()
    {
        var db = await DatabaseAsync();
        using (var a = Writer(Settings(db, "agent-a")))
        using (var b = Writer(Settings(db, "agent-b")))
        {
            await WriteAsync(a, [Point(Key("cpu"), T0, 1), Point(Key("cpu"), T0 + Second, 2)]);
            await WriteAsync(b, [Point(Key("cpu"), T0, 5)]);
        }

        // Were agent-b's chunks read for agent-a's series, this garbage would fail the query.
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync().WaitAsync(Wait);
            await using var damage = new NpgsqlCommand("UPDATE recent SET data = '\\xffffffff'::bytea WHERE host = 'agent-b'", connection);
            Assert.Equal(1, await damage.ExecuteNonQueryAsync().WaitAsync(Wait));
        }

        using var reader = Catalog.OpenReader(Settings(db));
        var answer = Assert.Single(reader.Query("cpu", [new("host", "agent-a")], long.MinValue, long.MaxValue));

        Assert.Equal([1.0, 2.0], answer.Points.Select(p => p.Value));
        Assert.Throws<InvalidDataException>(() => reader.Query("cpu", [new("host", "agent-b")], long.MinValue, long.MaxValue));
    }
}
