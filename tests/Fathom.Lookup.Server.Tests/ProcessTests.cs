using System.Net;
using System.Net.Sockets;
using System.Text;
using Fathom.Archive.Sqlite;
using Fathom.Lookup.Server.Tests.Support;

namespace Fathom.Lookup.Server.Tests;

/// <summary>The real fathom binary: lookup-server as a process (stopped by pid), and lookup query against it.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Restart_KeepsRecords_EvenAfterSigkill_SigtermAndSigintExitZero()
    {
        using var dir = new TempDir();
        var store = dir.File("lookup.db");
        string uri;
        string expires;
        string second;
        using (var server = await FathomServer.StartAsync(store))
        {
            (uri, expires) = await RegisterAsync(server, """{"type":["service"],"service-name":["Persisted"],"service-locator":["http://10.0.0.1:8085"],"ttl":["PT60M"]}""");
            Assert.Equal(0, await server.StopAsync(ChildProcess.SigTerm));
            Assert.Contains("lookup server stopped", server.Process.Stderr, StringComparison.Ordinal);
        }

        using (var server = await FathomServer.StartAsync(store))
        {
            Assert.Contains("1 live records", server.Process.Stderr, StringComparison.Ordinal);
            using var cts = new CancellationTokenSource(Timeout);
            var reply = Json.Parse(await server.Http.GetStringAsync("/" + uri, cts.Token));
            Assert.Equal(expires, reply.GetProperty("expires").GetString());
            Assert.Equal(["Persisted"], Json.Strings(reply.GetProperty("service-name")));

            var (code, stdout, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup", "query", "--url", server.RecordsUrl, "type=service"]);
            Assert.True(code == 0, stderr);
            Assert.Contains("TYPE", stdout, StringComparison.Ordinal);
            Assert.Contains("Persisted", stdout, StringComparison.Ordinal);
            Assert.Contains("http://10.0.0.1:8085", stdout, StringComparison.Ordinal);
            Assert.Contains(uri, stdout, StringComparison.Ordinal);

            (code, stdout, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup", "query", "--url", server.Address.ToString(), "service-name=Pers*", "type=nothing", "--operator", "any", "--format", "json"]);
            Assert.True(code == 0, stderr);
            Assert.Equal(uri, Json.Parse(stdout)[0].GetProperty("uri").GetString());

            (code, stdout, _) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup", "query", "--url", server.RecordsUrl, "type=nothing"]);
            Assert.Equal(0, code);
            Assert.DoesNotContain(uri, stdout, StringComparison.Ordinal);

            // Every change is in the file before it is answered: a SIGKILL loses nothing.
            (second, _) = await RegisterAsync(server, """{"type":["host"],"host-name":["after-kill"]}""");
            await server.StopAsync(ChildProcess.SigKill);
        }

        using (var server = await FathomServer.StartAsync(store))
        {
            Assert.Contains("2 live records", server.Process.Stderr, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, "/" + second));
            Assert.Equal(0, await server.StopAsync(ChildProcess.SigInt));
        }
    }

    [Fact]
    public async Task StartedWithSigintIgnored_SigintStillStopsItCleanly()
    {
        using var dir = new TempDir();
        using var server = await FathomServer.StartWithSigintIgnoredAsync(dir.File("lookup.db"));
        Assert.Equal(0, await server.StopAsync(ChildProcess.SigInt));
    }

    [Fact]
    public async Task ShortTtl_RecordExpiresAndIsPruned()
    {
        using var dir = new TempDir();
        using var server = await FathomServer.StartAsync(dir.File("lookup.db"), "--min-ttl", "1s", "--default-ttl", "1h");
        var (uri, _) = await RegisterAsync(server, """{"type":["host"],"host-name":["short"],"ttl":["PT1S"]}""");
        var deadline = DateTime.UtcNow + Timeout;
        while (await StatusAsync(server, "/" + uri) == HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the 1 s record was still served after 20 s");
            await Task.Delay(100);
        }

        await server.Process.WaitForOutputAsync("pruned 1 expired records");
        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task PortInUse_ExitsOneWithMessage()
    {
        using var dir = new TempDir();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (code, _, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup-server", "--listen", $"127.0.0.1:{port}", "--store", dir.File("lookup.db")]);
        Assert.Equal(1, code);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreInUseByAnotherServer_ExitsOne()
    {
        using var dir = new TempDir();
        using var first = await FathomServer.StartAsync(dir.File("lookup.db"));
        var (code, _, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup-server", "--listen", "127.0.0.1:0", "--store", dir.File("lookup.db")]);
        Assert.Equal(1, code);
        Assert.Contains("in use by another process", stderr, StringComparison.Ordinal);
        Assert.Equal(0, await first.StopAsync());
    }

    [Fact]
    public async Task AddressNotLocal_ExitsOneWithMessage()
    {
        using var dir = new TempDir();

        // TEST-NET-1 (RFC 5737): never a local address. Bind failed with an uncaught SocketException (abort, exit 134) before.
        var (code, _, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup-server", "--listen", "192.0.2.1:8090", "--store", dir.File("lookup.db")]);
        Assert.Equal(1, code);
        Assert.Contains("cannot listen on 192.0.2.1:8090", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--listen", "127.0.0.1:0")]
    [InlineData("--store", "S", "--listen", "nowhere")]
    [InlineData("--store", "S", "--listen", "127.0.0.1")]
    [InlineData("--store", "S", "--min-ttl", "soon")]
    [InlineData("--store", "S", "--max-ttl", "1m")]
    [InlineData("--store", "S", "--min-ttl", "0s")]
    [InlineData("--store", "S", "--bogus")]
    public async Task BadFlags_ExitTwo(params string[] args)
    {
        using var dir = new TempDir();
        var (code, _, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup-server", .. args.Select(a => a == "S" ? dir.File("lookup.db") : a)]);
        Assert.Equal(2, code);
        Assert.StartsWith("fathom: ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("lookup.db")));
    }

    [Fact]
    public async Task UnusableStores_ExitOneWithClearMessage()
    {
        using var dir = new TempDir();
        var foreign = dir.File("foreign.db");
        using (var db = SqliteConnection.Open(foreign, readOnly: false, TimeSpan.FromSeconds(5)))
        {
            db.Execute("CREATE TABLE samples(x INTEGER)");
        }

        var garbage = dir.File("garbage.db");
        await File.WriteAllBytesAsync(garbage, Encoding.ASCII.GetBytes(new string('x', 8192)));
        var cases = new[]
        {
            (foreign, "is not a lookup store"),
            (garbage, "not a SQLite database"),
            (dir.Path, "cannot be opened"),
            (Path.Combine(dir.Path, "missing", "lookup.db"), "cannot be opened"),
        };
        foreach (var (path, message) in cases)
        {
            var (code, _, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup-server", "--listen", "127.0.0.1:0", "--store", path]);
            Assert.True(code == 1, $"{path}: exit {code}: {stderr}");
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LookupQuery_NoServerExitsOne_BadTermExitsTwo()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var (code, _, stderr) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup", "query", "--url", $"http://127.0.0.1:{port}"]);
        Assert.Equal(1, code);
        Assert.Contains("lookup query", stderr, StringComparison.Ordinal);
        (code, _, _) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup", "query", "novalue"]);
        Assert.Equal(2, code);
        (code, _, _) = await ChildProcess.RunAsync(Repo.Fathom, ["lookup", "query", "--url", "ftp://x"]);
        Assert.Equal(2, code);
    }

    private static async Task<(string Uri, string Expires)> RegisterAsync(FathomServer server, string body)
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync("/lookup/records", content, cts.Token);
        var text = await response.Content.ReadAsStringAsync(cts.Token);
        Assert.True(response.IsSuccessStatusCode, text);
        var reply = Json.Parse(text);
        return (reply.GetProperty("uri").GetString()!, reply.GetProperty("expires").GetString()!);
    }

    private static async Task<HttpStatusCode> StatusAsync(FathomServer server, string path)
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var response = await server.Http.GetAsync(path, cts.Token);
        return response.StatusCode;
    }
}
