using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fathom.TestSupport.Postgres;

/// <summary>
/// A private PostgreSQL 15 (Debian's binaries) for tests: initdb in a fresh folder owned by the
/// postgres user, started with pg_ctl on a free loopback port with trust auth, stopped by the pid
/// in postmaster.pid. fsync is off: tests want speed, not crash safety of the test server.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable, IDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private bool _disposed;

    private PostgresServer(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    /// <summary>The data folder (also the socket folder).</summary>
    public string Folder { get; }

    public int Port { get; }

    /// <summary>A superuser connection string to the postgres database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public bool IsRunning => PostmasterPid() is { } pid && Alive(pid);

    /// <summary>Initialises a data folder and starts the server on a free port.</summary>
    public static async Task<PostgresServer> StartNewAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fathom-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new PostgresServer(folder, FreePort());
        try
        {
            await RunAsync("chown", ["postgres:postgres", folder]).ConfigureAwait(false);
            await RunAsPostgresAsync(Path.Combine(BinFolder, "initdb"), ["-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]).ConfigureAwait(false);
            await server.StartAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            Pooling = false,
            Timeout = 15,
        }.ConnectionString;

    /// <summary>Starts (again) on the same port and data; returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        await RunAsPostgresAsync(Path.Combine(BinFolder, "pg_ctl"), ["-D", DataFolder, "-l", Path.Combine(Folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync().WaitAsync(StartTimeout).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Fast shutdown by the postmaster's pid (SIGINT), waiting until it is gone.</summary>
    public async Task StopAsync()
    {
        if (PostmasterPid() is not { } pid)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            await RunAsync("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
            using var cancel = new CancellationTokenSource(StartTimeout);
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        var deadline = DateTime.UtcNow + StartTimeout;
        while (File.Exists(Path.Combine(DataFolder, "postmaster.pid")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Creates database <paramref name="name"/> and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync(string name) => CreateDatabaseAsync(AdminConnectionString, name);

    /// <summary>Creates a database through any superuser connection string, returning one to the new database.</summary>
    public static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name)
    {
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync().WaitAsync(StartTimeout).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().WaitAsync(StartTimeout).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// For a ProcessExit handler, which the test host may not let finish: asks for a fast shutdown
    /// and leaves the wait and the folder's deletion to a detached shell that outlives this process.
    /// </summary>
    public void StopAndRemoveDetached()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var pid = PostmasterPid() is { } p && Alive(p) ? p : 0;
        var script = string.Create(CultureInfo.InvariantCulture,
            $"[ {pid} -gt 0 ] && kill -INT {pid}; for i in $(seq 1 600); do [ {pid} -gt 0 ] && kill -0 {pid} 2>/dev/null || break; sleep 0.1; done; rm -rf '{Folder}'");
        using var detached = Process.Start(new ProcessStartInfo("setsid", ["-f", "sh", "-c", script]) { UseShellExecute = false });
        detached?.WaitForExit(5_000);
    }

    /// <summary>Stops and deletes without awaiting anything (safe in a ProcessExit handler, where the host may not wait long).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (PostmasterPid() is { } pid && Alive(pid))
        {
            using (var kill = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit(10_000);
            }

            var deadline = DateTime.UtcNow + StartTimeout;
            while (Alive(pid) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync().ConfigureAwait(false);

        // The postmaster's children may still be finishing their files as it exits: retry a while.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Directory.Exists(Folder))
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    // Best effort: a leftover temp folder must not fail a test.
                    return;
                }

                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private string DataFolder => Path.Combine(Folder, "data");

    private int? PostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // We run as root; PostgreSQL refuses root, so its tools run as the postgres user.
    private static Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }
}
