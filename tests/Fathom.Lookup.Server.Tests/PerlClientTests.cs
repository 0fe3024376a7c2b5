using System.Text.Json;
using Fathom.Lookup.Server.Tests.Support;

namespace Fathom.Lookup.Server.Tests;

/// <summary>perfSONAR's own Perl sLS client (../shared/conformance/sls/sls-client.pl) against the server: every driver command.</summary>
public sealed class PerlClientTests
{
    [Fact]
    public async Task RegisterService_Get_Renew_Delete_AsThePerlClientExpects()
    {
        await using var s = await TestServer.StartAsync(TimeProvider.System);
        var url = s.RecordsUrl;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var registered = await OkAsync(url, "register-service", "--name", "Example BWCTL", "--type", "bwctl", "--locator", "tcp://10.0.0.2:4823",
            "--host-uri", "lookup/host/abc", "--domain", "example.net", "--ttl-minutes", "60");
        var uri = registered.GetProperty("uri").GetString()!;
        Assert.StartsWith("lookup/service/", uri, StringComparison.Ordinal);
        Assert.Equal("registered", registered.GetProperty("state").GetString());
        Assert.InRange(registered.GetProperty("expires_unix").GetInt64(), now + 3595, now + 3610);
        Assert.Equal(["Example BWCTL"], Json.Strings(registered.GetProperty("record").GetProperty("service-name")));

        var duplicate = await ChildProcess.SlsClientAsync(url, "register-service", "--name", "Example BWCTL", "--type", "bwctl", "--locator", "tcp://10.0.0.2:4823",
            "--host-uri", "lookup/host/abc", "--domain", "example.net", "--ttl-minutes", "60");
        Assert.Equal(1, duplicate.Code);
        Assert.Contains("403", duplicate.Stderr, StringComparison.Ordinal);

        Assert.Equal(uri, (await OkAsync(url, "get", uri)).GetProperty("uri").GetString());

        var renewed = await OkAsync(url, "renew", uri, "--ttl-minutes", "30");
        Assert.Equal("renewed", renewed.GetProperty("state").GetString());
        Assert.InRange(renewed.GetProperty("expires_unix").GetInt64(), now + 1795, now + 1810);
        Assert.Equal("PT30M", renewed.GetProperty("record").GetProperty("ttl").GetString());

        var renewedDefault = await OkAsync(url, "renew", uri);
        Assert.InRange(renewedDefault.GetProperty("expires_unix").GetInt64(), now + 7195, now + 7210);

        Assert.Equal("deleted", (await OkAsync(url, "delete", uri)).GetProperty("state").GetString());
        foreach (var command in new[] { "delete", "get", "renew" })
        {
            var gone = await ChildProcess.SlsClientAsync(url, command, uri);
            Assert.Equal(1, gone.Code);
            Assert.Contains("404", gone.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RegisterHost_RegisterRecord_Query_WithOperators()
    {
        await using var s = await TestServer.StartAsync(TimeProvider.System);
        var url = s.RecordsUrl;
        var host = await OkAsync(url, "register-host", "--host-name", "h1.example.net", "--os-name", "Linux", "--os-version", "12", "--ttl-minutes", "10");
        Assert.StartsWith("lookup/host/", host.GetProperty("uri").GetString(), StringComparison.Ordinal);
        var record = await OkAsync(url, "register-record", "psmetadata", "pscheduler-test-type=throughput", "site=Two Words", "--client-uuid", "c-1");
        Assert.StartsWith("lookup/psmetadata/", record.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(["c-1"], Json.Strings(record.GetProperty("record").GetProperty("client-uuid")));

        Assert.Single((await OkAsync(url, "query", "type=host")).EnumerateArray());
        Assert.Single((await OkAsync(url, "query", "site=Two Words")).EnumerateArray());
        Assert.Single((await OkAsync(url, "query", "type=psmetadata,other")).EnumerateArray());
        Assert.Equal(2, (await OkAsync(url, "query", "host-name=h1.example.net", "client-uuid=c-1", "--operator", "any")).GetArrayLength());
        Assert.Equal(0, (await OkAsync(url, "query", "host-name=h1.example.net", "client-uuid=c-1", "--operator", "all")).GetArrayLength());
        Assert.Equal(2, (await OkAsync(url, "query")).GetArrayLength());
    }

    [Fact]
    public async Task BulkRenew_ReportsCountsAndFailures()
    {
        await using var s = await TestServer.StartAsync(TimeProvider.System);
        var url = s.RecordsUrl;
        var a = (await OkAsync(url, "register-record", "test", "k=a")).GetProperty("uri").GetString()!;
        var b = (await OkAsync(url, "register-record", "test", "k=b")).GetProperty("uri").GetString()!;
        var reply = await OkAsync(url, "bulk-renew", a, b, "lookup/test/missing", "--ttl-minutes", "90");
        Assert.Equal("3", reply.GetProperty("total").GetString());
        Assert.Equal("2", reply.GetProperty("renewed").GetString());
        Assert.Equal("1", reply.GetProperty("failure").GetString());
        Assert.Equal(["lookup/test/missing"], Json.Strings(reply.GetProperty("failed-uris")));
        Assert.Equal(["22"], Json.Strings(reply.GetProperty("error-code")));
    }

    [Fact]
    public async Task NoServer_ExitsOne()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var result = await ChildProcess.SlsClientAsync($"http://127.0.0.1:{port}/lookup/records", "query", "type=host");
        Assert.Equal(1, result.Code);
    }

    private static async Task<JsonElement> OkAsync(string url, params string[] args)
    {
        var (code, stdout, stderr) = await ChildProcess.SlsClientAsync(url, args);
        Assert.True(code == 0, $"sls-client {string.Join(' ', args)}: exit {code}\n{stdout}\n{stderr}");
        return Json.Parse(stdout);
    }
}
