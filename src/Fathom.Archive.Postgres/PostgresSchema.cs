using System.Globalization;
using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// The archive's tables in PostgreSQL, version 1. Every table of measurements carries series_id in
/// each of its unique keys (blocks, rollups, events, status: an event kind or status element of a
/// host is a series row of its own kind), the per-agent tables host (recent, streams, state), so
/// each distributes by that column as it is (docs/SCALING.md, with Citus); blocks are range-partitioned by start_ns, a
/// partition per UTC day made on demand, so retention drops whole partitions. recent holds each
/// agent's journal of open-block points (JournalChunkBuilder chunks, a row per batch), so a
/// point costs no row of its own. Created by the first writer, in one transaction, creators
/// serialised by an advisory lock; a newer version is refused.
/// </summary>
internal static class PostgresSchema
{
    public const int Version = 1;

    // Advisory lock keys: the schema's creators, retention passes, partition makers.
    public const long SchemaLock = 0x4654484D_0001;
    public const long RetentionLock = 0x4654484D_0002;
    public const long PartitionLock = 0x4654484D_0003;

    private const string CreateSql = """
        CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE series(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            canonical text NOT NULL UNIQUE,
            kind text NOT NULL DEFAULT 'points' CHECK (kind IN ('points', 'event', 'status')),
            name text NOT NULL,
            tags text NOT NULL,
            unit text NOT NULL,
            host text NOT NULL);
        CREATE INDEX series_name ON series(name);
        CREATE TABLE blocks(
            series_id bigint NOT NULL,
            start_ns bigint NOT NULL,
            end_ns bigint NOT NULL,
            count integer NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY(series_id, start_ns)) PARTITION BY RANGE (start_ns);
        CREATE TABLE recent(
            host text NOT NULL,
            chunk bigint NOT NULL,
            points integer NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY(host, chunk));
        CREATE TABLE rollups(
            series_id bigint NOT NULL,
            res integer NOT NULL,
            start_ns bigint NOT NULL,
            end_ns bigint NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY(series_id, res, start_ns));
        CREATE TABLE events(
            series_id bigint NOT NULL,
            id bigint GENERATED ALWAYS AS IDENTITY,
            time_ns bigint NOT NULL,
            json text NOT NULL,
            PRIMARY KEY(series_id, id));
        CREATE INDEX events_time ON events(time_ns);
        CREATE TABLE status(
            series_id bigint NOT NULL,
            id bigint GENERATED ALWAYS AS IDENTITY,
            start_ns bigint NOT NULL,
            end_ns bigint NOT NULL,
            oper text NOT NULL,
            admin text,
            PRIMARY KEY(series_id, id));
        CREATE INDEX status_series_end ON status(series_id, end_ns);
        CREATE TABLE state(
            host text NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY(host, key));
        CREATE TABLE streams(
            host text NOT NULL,
            stream uuid NOT NULL,
            sequence bigint NOT NULL,
            PRIMARY KEY(host, stream));
        """;

    /// <summary>The stored version, or null when the database holds no Fathom archive.</summary>
    public static int? StoredVersion(NpgsqlConnection connection)
    {
        using var exists = new NpgsqlCommand("SELECT to_regclass('meta') IS NOT NULL", connection);
        if (!(bool)exists.ExecuteScalar()!)
        {
            return null;
        }

        using var select = new NpgsqlCommand("SELECT value FROM meta WHERE key = 'schema_version'", connection);
        var text = select.ExecuteScalar() as string;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ArchiveException($"the database's meta table has no valid schema_version ('{text}'): not a Fathom archive");
    }

    /// <summary>Creates (or migrates) the schema, or refuses a newer one; safe when several writers start at once.</summary>
    public static void Ensure(NpgsqlConnection connection, string target)
    {
        if (StoredVersion(connection) is { } current)
        {
            Refuse(current, target);
            if (current == Version)
            {
                return;
            }
        }

        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({SchemaLock})");

        // Another writer may have created it while this one waited for the lock.
        var version = StoredVersion(connection);
        if (version is null)
        {
            Execute(connection, CreateSql);
            Execute(connection, $"INSERT INTO meta(key, value) VALUES('schema_version', '{Version}'), ('created_by', 'fathom')");
        }
        else
        {
            Refuse(version.Value, target);

            // Migrations from older versions go here, each in this transaction.
        }

        transaction.Commit();
    }

    /// <summary>For readers: the archive exists and is not newer than this Fathom.</summary>
    public static void CheckReadable(NpgsqlConnection connection, string target)
    {
        if (StoredVersion(connection) is not { } version)
        {
            throw new ArchiveException($"PostgreSQL database {target} holds no Fathom archive (no meta table)");
        }

        Refuse(version, target);
        if (version < Version)
        {
            throw new ArchiveException($"PostgreSQL archive {target} has schema version {version}; start fathomd on it to migrate it to {Version}");
        }
    }

    private static void Refuse(int version, string target)
    {
        if (version > Version)
        {
            throw new ArchiveException($"PostgreSQL archive {target} has archive schema version {version}; this Fathom reads up to version {Version}");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
