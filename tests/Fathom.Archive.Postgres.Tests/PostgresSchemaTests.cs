using Fathom.Core.Storage;
using Npgsql;
using static Fathom.Archive.Postgres.Tests.PgTest;

namespace Fathom.Archive.Postgres.Tests;

public sealed class PostgresSchemaTests
{
    [Fact]
    public async Task OpenWriter_EmptyDatabase_CreatesEveryTableAtVersion1()
    {
        var db = await DatabaseAsync();
        using (Writer(Settings(db)))
        {
        }

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync().WaitAsync(Wait);
        Assert.Equal("1", await Scalar(connection, "SELECT value FROM meta WHERE key = 'schema_version'"));
        foreach (var table in new[] { "series", "blocks", "recent", "rollups", "events", "status", "state", "streams" })
        {
            Assert.Equal(true, await Scalar(connection, $"SELECT to_regclass('{table}') IS NOT NULL"));
        }

        Assert.Equal("p", await Scalar(connection, "SELECT relkind::text FROM pg_class WHERE relname = 'blocks'"));
    }

    [Fact]
    public async Task Schema_EveryUniqueKey_HoldsTheColumnItsTableDistributesBy()
    {
        // docs/SCALING.md §3: Citus needs every unique key of a distributed table to hold its distribution column.
        var plan = new Dictionary<string, string?>
        {
            ["meta"] = null, ["series"] = null,
            ["blocks"] = "series_id", ["rollups"] = "series_id", ["events"] = "series_id", ["status"] = "series_id",
            ["recent"] = "host", ["streams"] = "host", ["state"] = "host",
        };
        var db = await DatabaseAsync();
        using (Writer(Settings(db)))
        {
        }

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync().WaitAsync(Wait);
        var tables = new List<string>();
        await using (var select = new NpgsqlCommand(
            "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition", connection))
        await using (var reader = await select.ExecuteReaderAsync().WaitAsync(Wait))
        {
            while (await reader.ReadAsync().WaitAsync(Wait))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(plan.Keys.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        foreach (var (table, column) in plan)
        {
            var keys = await UniqueKeysAsync(connection, table);
            Assert.NotEmpty(keys);
            if (column is not null)
            {
                Assert.All(keys, key => Assert.Contains(column, key));
            }
        }
    }

    [Fact]
    public async Task OpenWriter_ManyAgentsAtOnceOnAnEmptyDatabase_OneSchemaAndAllWrite()
    {
        var db = await DatabaseAsync();
        var tasks = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            using var writer = Writer(Settings(db, $"agent-{i}"));
            await WriteAsync(writer, [Point(Key("up"), T0, i)]);
        }));

        await Task.WhenAll(tasks).WaitAsync(Wait);

        using var reader = Catalog.OpenReader(Settings(db));
        Assert.Equal(4, reader.ListSeries().Count);
    }

    [Fact]
    public async Task Open_NewerSchemaVersion_WriterAndReaderRefuseNamingBoth()
    {
        var db = await DatabaseAsync();
        var settings = Settings(db);
        using (Writer(settings))
        {
        }

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync().WaitAsync(Wait);
            await using var update = new NpgsqlCommand("UPDATE meta SET value = '7' WHERE key = 'schema_version'", connection);
            await update.ExecuteNonQueryAsync().WaitAsync(Wait);
        }

        var write = Assert.ThrowsAny<ArchiveException>(() => Writer(settings));
        var read = Assert.ThrowsAny<ArchiveException>(() => Catalog.OpenReader(settings));

        foreach (var error in new[] { write, read })
        {
            Assert.Contains("schema version 7; this Fathom reads up to version 1", error.Message, StringComparison.Ordinal);
            Assert.Contains(settings.Target, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenReader_DatabaseWithoutArchive_SaysSo()
    {
        var settings = Settings(await DatabaseAsync());

        var error = Assert.Throws<ArchiveException>(() => Catalog.OpenReader(settings));

        Assert.Contains("holds no Fathom archive", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string[]>> UniqueKeysAsync(NpgsqlConnection connection, string table)
    {
        await using var select = new NpgsqlCommand("""
            SELECT array_agg(a.attname::text) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = $1::regclass AND i.indisunique GROUP BY i.indexrelid
            """, connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        await using var reader = await select.ExecuteReaderAsync().WaitAsync(Wait);
        var keys = new List<string[]>();
        while (await reader.ReadAsync().WaitAsync(Wait))
        {
            keys.Add(reader.GetFieldValue<string[]>(0));
        }

        return keys;
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync().WaitAsync(Wait);
    }
}
