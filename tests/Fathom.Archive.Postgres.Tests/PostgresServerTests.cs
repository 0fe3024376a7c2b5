using Fathom.TestSupport.Postgres;
using Npgsql;

namespace Fathom.Archive.Postgres.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Server_StopStartDispose_SamePortAndDataThenFolderGone()
    {
        var server = await PostgresServer.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var db = await server.CreateDatabaseAsync("kept").WaitAsync(TimeSpan.FromSeconds(60));
        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(server.IsRunning);
        await server.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(server.Port, new NpgsqlConnectionStringBuilder(db).Port);
        }

        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(Directory.Exists(server.Folder), $"{server.Folder} is left");
    }

    [Fact]
    public async Task Server_SynchronousDispose_StopsAndDeletesTheFolder()
    {
        var server = await PostgresServer.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(120));

        server.Dispose();

        Assert.False(server.IsRunning);
        Assert.False(Directory.Exists(server.Folder), $"{server.Folder} is left");
    }
}
