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
        // Each Perl run takes seconds under load: expiry is checked against the clock around that call.
        var before = Now();
        var registered = await OkAsync(url, "register-service", "--name", "Example BWCTL", "--type", "bwctl", "--locator", "tcp://10.0.0.2:4823",
            "--host-uri", "lookup/host/abc", "--domain", "example.net", "--ttl-minutes", "60");
        var uri = registered.GetProperty("uri").GetString()!;
        Assert.StartsWith("lookup/service/", uri, StringComparison.Ordinal);
        Assert.Equal("registered", registered.GetProperty("state").GetString());
        Assert.InRange(registered.GetProperty("expires_unix").GetInt64(), before + 3599, Now() + 3601);
        Assert.Equal(["Example BWCTL"], Json.Strings(registered.GetProperty("record").GetProperty("service-name")));

        var duplicate = await ChildProcess.SlsClientAsync(url, "register-service", "--name", "Example BWCTL", "--type", "bwctl", "--locator", "tcp://10.0.0.2:4823",
            "--host-uri", "lookup/host/abc", "--domain", "example.net", "--ttl-minutes", "60");
        Assert.Equal(1, duplicate.Code);
        Assert.Contains("403", duplicate.Stderr, StringComparison.Ordinal);

        Assert.Equal(uri, (await OkAsync(url, "get", uri)).GetProperty("uri").GetString());

        before = Now();
        var renewed = await OkAsync(url, "renew", uri, "--ttl-minutes", "30");
        Assert.Equal("renewed", renewed.GetProperty("state").GetString());
        Assert.InRange(renewed.GetProperty("expires_unix").GetInt64(), before + 1799, Now() + 1801);
        Assert.Equal("PT30M", renewed.GetProperty("record").GetProperty("ttl").GetString());

        before = Now();
        var renewedDefault = await OkAsync(url, "renew", uri);
        Assert.InRange(renewedDefault.GetProperty("expires_unix").GetInt64(), before + 7199, Now() + 7201);

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
    public async Task RegisterHost_LatitudeAsPerlNumbers_StoredAsStrings()
    {
        // perfSONAR's Host.pm writes location-latitude/longitude as JSON numbers ([37.5]), which the
        // driver cannot make: the library itself registers here, as ls-registration-daemon would.
        await using var s = await TestServer.StartAsync(TimeProvider.System);
        var port = new Uri(s.RecordsUrl).Port;
        var script = $$"""
            use SimpleLookupService::Keywords::KeyNames;
            use SimpleLookupService::Client::SimpleLS;
            use SimpleLookupService::Client::Registration;
            use SimpleLookupService::Records::Network::Host;
            my $h = SimpleLookupService::Records::Network::Host->new();
            $h->init(hostName => ["h1.example.net"], latitude => 37.5, longitude => -122.25);
            print STDERR $h->toJson(), "\n";
            my $ls = SimpleLookupService::Client::SimpleLS->new();
            $ls->init(host => "127.0.0.1", port => {{port}});
            my $c = SimpleLookupService::Client::Registration->new();
            $c->init({ server => $ls, record => $h });
            my ($rc, $res) = $c->register();
            die "register failed: " . $res->{message} . "\n" if $rc != 0;
            print $res->getRecordUri(), "\n";
            """;
        var (code, stdout, stderr) = await ChildProcess.RunAsync("perl", ["-I", Path.Combine(Path.GetDirectoryName(Repo.SlsClient)!, "lib"), "-e", script]);

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("\"location-latitude\":[37.5]", stderr, StringComparison.Ordinal); // numbers on the wire
        var got = await OkAsync(s.RecordsUrl, "get", stdout.Trim());
        Assert.Equal(["37.5"], Json.Strings(got.GetProperty("record").GetProperty("location-latitude")));
        Assert.Equal(["-122.25"], Json.Strings(got.GetProperty("record").GetProperty("location-longitude")));
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

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
