using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using static Fathom.Archive.Postgres.Tests.PgTest;

namespace Fathom.Archive.Postgres.Tests;

/// <summary>A NUL in a script's tag must not make PostgreSQL refuse the batch for ever (and hold the target's spool behind it).</summary>
public sealed class PostgresNulTextTests
{
    [Fact]
    public async Task Write_NulInSeriesEventAndStatusTexts_StoredWithTheStandInAndLaterBatchesFlow()
    {
        var pg = Settings(await DatabaseAsync(), "agent-n");
        var dirty = Key("script.value", ("t", "a\0b"));
        using (var writer = Writer(pg))
        {
            await WriteAsync(writer, [
                Point(dirty, T0, 1),
                Measurement.Of(new EventRecord("e\0v", [new("k", "v\0w")], T0, "{\"x\":\"\0\"}")),
                Measurement.Of(new StatusRecord("eth\0", T0, "up", "normal\0operation")),
            ]);
            Assert.True(await WriteAsync(writer, [Point(dirty, T0 + Second, 2), Point(Key("clean"), T0, 3)], new BatchId(Guid.NewGuid(), 1)));
        }

        using var reader = Catalog.OpenReader(pg);
        var series = reader.Query("script.value", [], T0, T0 + Second).Single();
        Assert.Equal("a\u2400b", series.Key.Tag("t"));
        Assert.Equal([1.0, 2.0], series.Points.Select(p => p.Value));
        var e = Assert.Single(reader.ListEvents(T0, T0));
        Assert.Equal("e\u2400v", e.Name);
        Assert.Equal("v\u2400w", e.Tags.Single(t => t.Key == "k").Value);
        var s = Assert.Single(reader.ListStatus());
        Assert.Equal("eth\u2400", s.Element);
        Assert.Equal("normal\u2400operation", s.Admin);
        Assert.Single(reader.Query("clean", [], T0, T0));
    }
}
