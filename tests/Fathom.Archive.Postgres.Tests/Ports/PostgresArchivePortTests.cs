using Fathom.Archive.Postgres;
using Fathom.Core.Storage;
using Fathom.TestSupport.Postgres;
using Fathom.TestSupport.Storage;

namespace Fathom.Archive.Postgres.Tests.Ports;

/// <summary>The storage ports' shared suite on the PostgreSQL backend: a fresh database per test on the shared server.</summary>
public sealed class PostgresArchivePortTests : ArchivePortContract
{
    private string? _connection;

    private const string Host = "port-test";

    protected override IArchiveBackend CreateBackend() => new HostTagFreeBackend(new PostgresArchiveBackend(), Host);

    protected override string ArchiveKeys() => $"    connection \"{Connection()}\"\n    host {Host}\n";

    protected override string MissingArchiveKeys() => $"    connection \"{Swap(Connection(), "nosuch_" + Guid.NewGuid().ToString("N")[..8])}\"\n";

    protected override string UnusableArchiveKeys() =>
        $"    connection \"{Connection()}\"\n    password_file {Path.Combine(Folder, "no-such-password")}\n";

    protected override long? RefusedStatusWrites(IArchiveWriter writer) => Assert.IsType<PostgresArchive>(writer).RefusedStatusWrites;

    protected override void RunRetention(IArchiveWriter writer) => Assert.IsType<PostgresArchive>(writer).RunRetentionNow();

    private string Connection() =>
        _connection ??= SharedPostgres.CreateDatabaseAsync("port").WaitAsync(TimeSpan.FromSeconds(120)).GetAwaiter().GetResult();

    private static string Swap(string connection, string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString;
}
