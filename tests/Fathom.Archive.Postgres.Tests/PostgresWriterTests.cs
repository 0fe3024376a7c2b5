using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Fathom.TestSupport;
using Fathom.TestSupport.Postgres;
using Npgsql;
using static Fathom.Archive.Postgres.Tests.PgTest;

namespace Fathom.Archive.Postgres.Tests;

public sealed class PostgresWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fathom-pgw-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Irregular series over three days: late points, repeated times, NaN, blocks closing across midnights, events and status.</summary>
    private static List<List<Measurement>> Workload(string host)
    {
        var random = new Random(12);
        var keys = Enumerable.Range(0, 12).Select(i => Key($"m.{i % 3}", ("host", host), ("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var batches = new List<List<Measurement>>();
        var t = T0 - (3 * Day);
        for (var b = 0; b < 90; b++)
        {
            var batch = new List<Measurement>();
            for (var n = 0; n < 200; n++)
            {
                var key = keys[random.Next(keys.Length)];
                t += random.Next(1, 40) * Second;
                var time = random.Next(30) == 0 ? t - (random.Next(1, 600) * Minute) : t;
                var value = random.Next(50) == 0 ? double.NaN : Math.Round(random.NextDouble() * 1000, random.Next(4));
                batch.Add(Point(key, time, value));
            }

            batch.Add(Measurement.Of(new EventRecord("trace.path", [new("target", "x")], t, "{\"hops\":3}")));
            batch.Add(Measurement.Of(new StatusRecord("eth0", t, b / 30 % 2 == 0 ? "up" : "down", null)));
            batches.Add(batch);
        }

        return batches;
    }

    [Fact]
    public async Task Write_SameBatchesAsSqlite_ReadsBackTheSame()
    {
        var pg = Settings(await DatabaseAsync(), "agent-a");
        var sqlite = Catalog.Resolve(Path.Combine(_folder, "archive.db"));
        foreach (var options in new[] { pg, sqlite })
        {
            using var writer = Writer(options);
            foreach (var batch in Workload("agent-a"))
            {
                await WriteAsync(writer, batch);
            }
        }

        using var a = Catalog.OpenReader(pg);
        using var b = Catalog.OpenReader(sqlite);
        var dump = Dump(a);
        Assert.True(dump.Count > 15_000, $"{dump.Count} points");
        Assert.Equal(Dump(b), dump);
        Assert.Equal(b.ListSeries().Select(s => (s.Key.Canonical, s.PointCount, s.FirstTimeNs, s.LastTimeNs)), a.ListSeries().Select(s => (s.Key.Canonical, s.PointCount, s.FirstTimeNs, s.LastTimeNs)));
        foreach (var step in new[] { Minute, 5 * Minute, Hour, Day })
        {
            foreach (var aggregation in Enum.GetValues<Aggregation>())
            {
                Assert.Equal(Flat(b.Query("m.*", [], long.MinValue / 2, long.MaxValue / 2, step, aggregation)), Flat(a.Query("m.*", [], long.MinValue / 2, long.MaxValue / 2, step, aggregation)));
            }
        }

        Assert.Equal(b.Last("*", []).Select(s => (s.Key.Canonical, s.Points[0])), a.Last("*", []).Select(s => (s.Key.Canonical, s.Points[0])));
        Assert.Equal(b.ListEvents(long.MinValue, long.MaxValue), a.ListEvents(long.MinValue, long.MaxValue), new EventComparer());
        Assert.Equal(b.ListStatus(), a.ListStatus());
        Assert.Empty(a.Check().Problems);
    }

    [Fact]
    public async Task Write_KeyWithoutHost_GetsTheAgentsHostTag()
    {
        var pg = Settings(await DatabaseAsync(), "agent-z");
        using (var writer = Writer(pg))
        {
            await WriteAsync(writer, [Point(Key("cpu"), T0, 1), Point(Key("cpu", ("host", "elsewhere")), T0, 2)]);
        }

        using var reader = Catalog.OpenReader(pg);
        Assert.Equal(["cpu{host=agent-z}", "cpu{host=elsewhere}"], reader.ListSeries().Select(s => s.Key.Canonical));
    }

    [Fact]
    public async Task WriteSequenced_RetriedAndReplayedBatches_StoredOnce()
    {
        var pg = Settings(await DatabaseAsync());
        var stream = Guid.NewGuid();
        var key = Key("seq");
        using (var writer = Writer(pg))
        {
            Assert.True(await WriteAsync(writer, [Point(key, T0, 1)], new BatchId(stream, 1)));
            Assert.True(await WriteAsync(writer, [Point(key, T0 + Second, 2), Measurement.Of(new EventRecord("e", [], T0, "{}"))], new BatchId(stream, 2)));
            Assert.False(await WriteAsync(writer, [Point(key, T0 + Second, 99), Measurement.Of(new EventRecord("e", [], T0, "{}"))], new BatchId(stream, 2)));
        }

        // A new writer (a restarted daemon) replays from the spool: the watermark is in the database.
        using (var writer = Writer(pg))
        {
            Assert.False(await WriteAsync(writer, [Point(key, T0, 50)], new BatchId(stream, 1)));
            Assert.False(await WriteAsync(writer, [Point(key, T0 + Second, 60)], new BatchId(stream, 2)));
            Assert.True(await WriteAsync(writer, [Point(key, T0 + (2 * Second), 3)], new BatchId(stream, 3)));
            Assert.True(await WriteAsync(writer, [Point(key, T0 + (3 * Second), 4)], new BatchId(Guid.NewGuid(), 1)));
        }

        using var reader = Catalog.OpenReader(pg);
        Assert.Equal([1.0, 2, 3, 4], Assert.Single(reader.Query("seq", [], long.MinValue, long.MaxValue)).Points.Select(p => p.Value));
        Assert.Single(reader.ListEvents(long.MinValue, long.MaxValue));
    }

    [Fact]
    public async Task WriteSequenced_WatermarkAheadOfTheWritersMemory_WholeBatchUndoneInOneRoundTripOrTransaction()
    {
        var db = await DatabaseAsync();
        var pg = Settings(db);
        var stream = Guid.NewGuid();
        var key = Key("seq");
        using (var writer = Writer(pg))
        {
            Assert.True(await WriteAsync(writer, [Point(key, T0, 1)], new BatchId(stream, 1)));

            // The server's watermark moves on behind the writer's cache: only the batch's own guard can tell.
            await using (var connection = new NpgsqlConnection(db))
            {
                await connection.OpenAsync().WaitAsync(Wait);
                await using var move = new NpgsqlCommand("UPDATE streams SET sequence = 10", connection);
                Assert.Equal(1, await move.ExecuteNonQueryAsync().WaitAsync(Wait));
            }

            // A chunk, an event and status (one NpgsqlBatch, no explicit transaction), then a closing block (COPY in a transaction).
            Assert.False(await WriteAsync(writer, [Point(key, T0 + Second, 98), Measurement.Of(new EventRecord("e", [], T0, "{}")), Measurement.Of(new StatusRecord("eth0", T0, "up", null))], new BatchId(stream, 2)));
            Assert.False(await WriteAsync(writer, [.. Enumerable.Range(0, PgOpenBlocks.BlockPoints).Select(i => Point(Key("full"), T0 + (i * Second), i))], new BatchId(stream, 3)));
            Assert.True(await WriteAsync(writer, [Point(key, T0 + (2 * Second), 2)], new BatchId(stream, 11)));
        }

        using var reader = Catalog.OpenReader(pg);
        Assert.Equal([1.0, 2], Assert.Single(reader.Query("seq", [], long.MinValue, long.MaxValue)).Points.Select(p => p.Value));
        Assert.Empty(reader.ListEvents(long.MinValue, long.MaxValue));
        Assert.Empty(reader.ListStatus());
        Assert.Empty(reader.Query("full", [], long.MinValue, long.MaxValue).SelectMany(s => s.Points));
    }

    [Fact]
    public async Task Write_TwoAgentsAtOnce_EveryPointOnceAndReadersSeeBoth()
    {
        var db = await DatabaseAsync();
        var agents = new[] { "agent-1", "agent-2", "agent-3" };
        await Task.WhenAll(agents.Select(host => Task.Run(async () =>
        {
            using var writer = Writer(Settings(db, host));
            foreach (var batch in Workload(host))
            {
                await WriteAsync(writer, batch);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(120));

        var sqlite = Catalog.Resolve(Path.Combine(_folder, "all.db"));
        using (var writer = Writer(sqlite))
        {
            foreach (var host in agents)
            {
                foreach (var batch in Workload(host))
                {
                    await WriteAsync(writer, batch);
                }
            }
        }

        using var pgReader = Catalog.OpenReader(Settings(db));
        using var sqliteReader = Catalog.OpenReader(sqlite);
        Assert.Equal(36, pgReader.ListSeries().Count);
        Assert.Equal(Dump(sqliteReader), Dump(pgReader));

        // Equal events of three agents are three identities (series of kind event), read back as written.
        Assert.Equal(Events(sqliteReader), Events(pgReader));
        Assert.Equal(3 * 90, pgReader.ListEvents(long.MinValue, long.MaxValue, "trace.path", [new("target", "x")]).Count);

        // Each agent's eth0 is its own status series: up, down, up for each of three.
        var eth0 = pgReader.ListStatus("eth0");
        Assert.Equal(9, eth0.Count);
        Assert.Equal(3, eth0.Count(r => r.Oper == "down"));
    }

    private static List<string> Events(IArchiveReader reader) =>
        [.. reader.ListEvents(long.MinValue, long.MaxValue).Select(e => $"{e.Name}{TagsJsonText(e.Tags)}@{e.TimeUnixNs}={e.Json}").Order(StringComparer.Ordinal)];

    private static string TagsJsonText(IReadOnlyList<KeyValuePair<string, string>> tags) => string.Join(",", tags.Select(t => $"{t.Key}={t.Value}"));

    [Fact]
    public async Task Open_SameHostTwice_SecondRefusedNamingTheHost()
    {
        var db = await DatabaseAsync();
        using var first = Writer(Settings(db, "twin"));

        var error = Assert.Throws<ArchiveInUseException>(() => Writer(Settings(db, "twin")));

        Assert.Contains("is in use by another writer for host twin", error.Message, StringComparison.Ordinal);
        using var other = Writer(Settings(db, "not-twin"));
        await WriteAsync(other, [Point(Key("x"), T0, 1)]);
    }

    [Fact]
    public async Task Write_ServerStoppedMidRun_ArchiveExceptionThenRecoversWithNothingDuplicated()
    {
        await using var server = await PostgresServer.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var pg = Settings(await server.CreateDatabaseAsync("outage").WaitAsync(Wait), "agent-o");
        var sqlite = Catalog.Resolve(Path.Combine(_folder, "outage.db"));
        var batches = Workload("agent-o");
        using (var writer = Writer(pg))
        using (var copy = Writer(sqlite))
        {
            for (var i = 0; i < batches.Count; i++)
            {
                await WriteAsync(copy, batches[i]);
                if (i == 30)
                {
                    await server.StopAsync().WaitAsync(Wait);
                    var error = await Assert.ThrowsAnyAsync<ArchiveException>(() => WriteAsync(writer, batches[i]));
                    Assert.Equal(ArchiveErrorKind.Failed, error.Kind);
                    Assert.Contains(pg.Target, error.Message, StringComparison.Ordinal);
                    await Assert.ThrowsAnyAsync<ArchiveException>(() => WriteAsync(writer, batches[i]));
                    await server.StartAsync().WaitAsync(Wait);
                }

                await WriteAsync(writer, batches[i]);
            }
        }

        using var a = Catalog.OpenReader(pg);
        using var b = Catalog.OpenReader(sqlite);
        Assert.Equal(Dump(b), Dump(a));
        Assert.Equal(b.ListEvents(long.MinValue, long.MaxValue).Count, a.ListEvents(long.MinValue, long.MaxValue).Count);
    }

    [Fact]
    public async Task Open_ServerDown_WriterOpensAndFirstWriteAfterStartStores()
    {
        await using var server = await PostgresServer.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var pg = Settings(await server.CreateDatabaseAsync("late").WaitAsync(Wait), "agent-l");
        await server.StopAsync().WaitAsync(Wait);

        using var writer = Writer(pg);
        var error = await Assert.ThrowsAnyAsync<ArchiveException>(() => WriteAsync(writer, [Point(Key("x"), T0, 1)]));
        Assert.Equal(ArchiveErrorKind.Failed, error.Kind);
        await server.StartAsync().WaitAsync(Wait);
        await WriteAsync(writer, [Point(Key("x"), T0, 1)]);

        using var reader = Catalog.OpenReader(pg);
        Assert.Single(Assert.Single(reader.Query("x", [], long.MinValue, long.MaxValue)).Points);
    }

    [Fact]
    public async Task Retention_OldDays_PartitionsDroppedWhole()
    {
        var db = await DatabaseAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(T0 / 100));
        var pg = Settings(db, "agent-r", "    retain_raw 2d\n");
        var key = Key("r");
        using (var writer = (PostgresArchive)Writer(pg, time))
        {
            // Ten days of a point a minute: blocks of 240 points (4 h) in ten day partitions.
            for (var day = 10; day > 0; day--)
            {
                var start = T0 - (day * Day);
                await WriteAsync(writer, [.. Enumerable.Range(0, 1440).Select(i => Point(key, start + (i * Minute), i))]);
            }

            time.SetUtcNow(DateTimeOffset.UnixEpoch.AddTicks(T0 / 100));
            writer.RunRetentionNow();
        }

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync().WaitAsync(Wait);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_inherits WHERE inhparent = 'blocks'::regclass", connection);
        Assert.InRange((long)(await count.ExecuteScalarAsync().WaitAsync(Wait))!, 2, 4);
        using var reader = Catalog.OpenReader(pg);
        var points = Assert.Single(reader.Query("r", [], long.MinValue, long.MaxValue)).Points;
        Assert.True(points[0].TimeNs >= T0 - (3 * Day), $"oldest raw point {points[0].TimeNs}");
        Assert.Equal(T0 - Day + (1439 * Minute), points[^1].TimeNs);
    }

    [Fact]
    public async Task Errors_WrongPassword_NeverPrintsIt()
    {
        await using var server = await PostgresServer.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var db = await server.CreateDatabaseAsync("pw").WaitAsync(Wait);
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync().WaitAsync(Wait);
            await using var role = new NpgsqlCommand("CREATE ROLE agent LOGIN SUPERUSER PASSWORD 'right-one'", connection);
            await role.ExecuteNonQueryAsync().WaitAsync(Wait);
        }

        // Trust only for postgres: agent must give its password.
        var hba = Path.Combine(server.Folder, "data", "pg_hba.conf");
        await File.WriteAllTextAsync(hba, "host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
        await server.StopAsync().WaitAsync(Wait);
        await server.StartAsync().WaitAsync(Wait);

        var file = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(file, "wrong-secret-42\n");
        var connectionString = new NpgsqlConnectionStringBuilder(db) { Username = "agent" }.ConnectionString;
        var settings = Settings(connectionString, "agent-p", $"    password_file {file}\n");

        var error = Assert.ThrowsAny<ArchiveException>(() => Writer(settings));

        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-42", error.ToString(), StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, "right-one\n");
        using var writer = Writer(settings);
        Assert.DoesNotContain("right-one", writer.Description, StringComparison.Ordinal);
    }

    private static List<(string, long, double)> Flat(IReadOnlyList<SeriesPoints> answer) =>
        [.. answer.SelectMany(s => s.Points.Select(p => (s.Key.Canonical, p.TimeNs, p.Value)))];

    private sealed class EventComparer : IEqualityComparer<EventRecord>
    {
        public bool Equals(EventRecord? x, EventRecord? y) =>
            x is not null && y is not null && x.Name == y.Name && x.TimeUnixNs == y.TimeUnixNs && x.Json == y.Json && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(EventRecord obj) => obj.TimeUnixNs.GetHashCode();
    }
}
