using System.Diagnostics;

namespace Fathom.IntegrationTests;

/// <summary>Real fathomd daemons registering with the real fathom lookup-server (ttl 30 s, renewals every ~10 s).</summary>
public sealed class LookupRegistrationTests
{
    [Fact]
    public async Task ThreeDaemons_OneServer_RegisterRenewTermDeletesKillExpiresRestartRenewsSameUris()
    {
        using var serverDir = new TempDir();
        using var server = await LookupServerProcess.StartAsync(serverDir.File("lookup.db"));
        using var dirA = new TempDir();
        using var dirB = new TempDir();
        using var dirC = new TempDir();
        var portC = LookupServerProcess.FreePort();
        var block = LookupDaemon.Block(server.RecordsUrl);
        var a = await ApiDaemon.StartAsync(dirA, "127.0.0.1:0", block, Configs.Noop("pa", "1"));
        var b = await ApiDaemon.StartAsync(dirB, "127.0.0.1:0", block, Configs.Noop("pb", "1"));
        var c = await ApiDaemon.StartAsync(dirC, $"127.0.0.1:{portC}", block, Configs.Noop("pc", "1"));
        try
        {
            var statusA = await LookupDaemon.RegisteredAsync(a);
            var statusB = await LookupDaemon.RegisteredAsync(b);
            var statusC = await LookupDaemon.RegisteredAsync(c);
            Assert.Equal(3, new[] { statusA.ClientUuid, statusB.ClientUuid, statusC.ClientUuid }.Distinct().Count());
            Assert.Equal(LookupDaemon.Uris(statusA), await server.UrisOfAsync(statusA.ClientUuid!));
            Assert.Equal(LookupDaemon.Uris(statusC), await server.UrisOfAsync(statusC.ClientUuid!));
            // host, archive, api, one collector.
            Assert.Equal(4, statusA.Registered);

            // Renewals: every record renewed at expires − check_interval, keeping its uri.
            await Wait.UntilAsync(async () => (await LookupDaemon.StatusAsync(c)).Servers.SelectMany(s => s.Records).All(r => r.Renewals > 0), TimeSpan.FromSeconds(30), "every record renewed");
            Assert.Equal(LookupDaemon.Uris(statusC), LookupDaemon.Uris(await LookupDaemon.StatusAsync(c)));
            Assert.Equal(LookupDaemon.Uris(statusC), await server.UrisOfAsync(statusC.ClientUuid!));

            // SIGTERM: the daemon deletes its records before it exits.
            a.Process.Signal(Sig.Term);
            Assert.Equal(0, await a.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Empty(await server.UrisOfAsync(statusA.ClientUuid!));

            // SIGKILL then a restart on the same API port: the archive's state renews the same uris, no duplicates.
            c.Process.Signal(Sig.Kill);
            await c.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            c.Dispose();
            c = await ApiDaemon.StartAsync(dirC, $"127.0.0.1:{portC}", block, Configs.Noop("pc", "1"));
            await Wait.UntilAsync(async () => (await LookupDaemon.StatusAsync(c)).Renewals > 0, TimeSpan.FromSeconds(30), "the restarted daemon renews");
            var restarted = await LookupDaemon.StatusAsync(c);
            Assert.Equal(statusC.ClientUuid, restarted.ClientUuid);
            Assert.Equal(0, restarted.Registrations);
            Assert.Equal(LookupDaemon.Uris(statusC), LookupDaemon.Uris(restarted));
            Assert.Equal(LookupDaemon.Uris(statusC), await server.UrisOfAsync(statusC.ClientUuid!));

            // SIGKILL without a restart: the records stay until their ttl, then the server drops them.
            b.Process.Signal(Sig.Kill);
            var killed = Stopwatch.StartNew();
            await b.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(LookupDaemon.Uris(statusB), await server.UrisOfAsync(statusB.ClientUuid!));
            await Wait.UntilAsync(async () => (await server.UrisOfAsync(statusB.ClientUuid!)).Count == 0, TimeSpan.FromSeconds(45), "killed daemon's records expire");
            // The last renewal was at most ~10 s before the kill, so expiry comes 20-30 s after it.
            Assert.True(killed.Elapsed > TimeSpan.FromSeconds(15), $"records expired {killed.Elapsed} after the kill: before their ttl");
            Assert.Equal(LookupDaemon.Uris(statusC), await server.UrisOfAsync(statusC.ClientUuid!));
        }
        finally
        {
            a.Dispose();
            b.Dispose();
            c.Dispose();
        }
    }

    [Fact]
    public async Task ServerRestart_KeepsRecords_StoreLostClientsRegisterAgain()
    {
        using var serverDir = new TempDir();
        var store = serverDir.File("lookup.db");
        var server = await LookupServerProcess.StartAsync(store);
        using var dir = new TempDir();
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", LookupDaemon.Block(server.RecordsUrl), Configs.Noop("p", "1"));
        try
        {
            var status = await LookupDaemon.RegisteredAsync(daemon);
            var uris = LookupDaemon.Uris(status);

            // Visible: fathom lookup status (table and json) and the metrics.
            var (code, table) = await DaemonProcess.RunAsync(["lookup", "status", "--url", daemon.Address.ToString()], binary: Binaries.Fathom);
            Assert.Equal(0, code);
            Assert.Contains(status.ClientUuid!, table, StringComparison.Ordinal);
            Assert.All(uris, u => Assert.Contains(u, table, StringComparison.Ordinal));
            (code, var json) = await DaemonProcess.RunAsync(["lookup", "status", "--url", daemon.Address.ToString(), "--format", "json"], binary: Binaries.Fathom);
            Assert.Equal(0, code);
            Assert.Contains($"\"clientUuid\":\"{status.ClientUuid}\"", json, StringComparison.Ordinal);
            var metrics = await daemon.Client.GetStringAsync(new Uri("metrics", UriKind.Relative));
            Assert.Matches(@"(?m)^fathom_lookup_registered(\{[^}]*\})? 4$", metrics);
            Assert.Matches(@"(?m)^fathom_lookup_registrations_total(\{[^}]*\})? 4$", metrics);
            Assert.Contains("fathom_lookup_renewals_total", metrics, StringComparison.Ordinal);
            Assert.Contains("fathom_lookup_failures_total", metrics, StringComparison.Ordinal);

            await server.StopAsync();
            server.Dispose();
            server = await LookupServerProcess.StartAsync(store, server.Port);
            Assert.Equal(uris, await server.UrisOfAsync(status.ClientUuid!));

            await server.StopAsync();
            server.Dispose();
            foreach (var file in Directory.GetFiles(serverDir.Path))
            {
                File.Delete(file);
            }

            server = await LookupServerProcess.StartAsync(store, server.Port);
            Assert.Empty(await server.UrisOfAsync(status.ClientUuid!));
            // The next renewal is answered 404: the daemon registers everything again, new uris.
            await Wait.UntilAsync(async () => (await server.UrisOfAsync(status.ClientUuid!)).Count == uris.Count, TimeSpan.FromSeconds(40), "records registered again");
            var again = await LookupDaemon.RegisteredAsync(daemon);
            Assert.Empty(LookupDaemon.Uris(again).Intersect(uris));
            Assert.Equal(LookupDaemon.Uris(again), await server.UrisOfAsync(status.ClientUuid!));
        }
        finally
        {
            server.Dispose();
        }
    }

    [Fact]
    public async Task Reload_CollectorsChanged_NewRecordRegisteredRemovedDeleted()
    {
        using var serverDir = new TempDir();
        using var server = await LookupServerProcess.StartAsync(serverDir.File("lookup.db"));
        using var dir = new TempDir();
        var block = LookupDaemon.Block(server.RecordsUrl);
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", block, Configs.Noop("p1", "1"), Configs.Noop("p2", "1"));
        var before = await LookupDaemon.RegisteredAsync(daemon);
        var p2 = before.Servers[0].Records.Single(r => r.Key == "service/collector/p2").Uri!;
        var host = before.Servers[0].Records.Single(r => r.Key == "host").Uri!;

        Configs.Write(dir, [ApiDaemon.ApiBlock(dir), block, Configs.Noop("p1", "1"), Configs.Noop("p3", "1")]);
        daemon.Process.Signal(Sig.Hup);

        await Wait.UntilAsync(
            async () =>
            {
                var records = (await LookupDaemon.StatusAsync(daemon)).Servers[0].Records;
                return records.Any(r => r.Key == "service/collector/p3" && r.Uri is not null) && records.All(r => r.Key != "service/collector/p2");
            },
            TimeSpan.FromSeconds(30),
            "p3 registered, p2 gone");
        var after = await LookupDaemon.RegisteredAsync(daemon);
        var uris = await server.UrisOfAsync(after.ClientUuid!);
        Assert.DoesNotContain(p2, uris);
        Assert.Contains(host, uris);
        Assert.Equal(LookupDaemon.Uris(after), uris);

        // The registration state lives in the archive; the archive's own check has nothing to say about it.
        daemon.Process.Signal(Sig.Term);
        Assert.Equal(0, await daemon.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        var (code, output) = await DaemonProcess.RunAsync(["archive", "check", "--archive", dir.File("archive.db")], binary: Binaries.Fathom);
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task HintsFile_AliveServerAndDeadOne_RegistersWithTheAliveServer()
    {
        using var serverDir = new TempDir();
        using var server = await LookupServerProcess.StartAsync(serverDir.File("lookup.db"));
        using var dir = new TempDir();
        var dead = LookupServerProcess.FreePort();
        var hints = dir.Write("activehosts.json", $$"""
            {"hosts":[
              {"locator":"http://127.0.0.1:{{dead}}/lookup/records","status":"alive","priority":1},
              {"locator":"{{server.RecordsUrl}}","status":"alive","priority":2}]}
            """);
        var block = $"<lookup>\n    hints_file {hints}\n    ttl 30s\n    check_interval 20s\n    allow_internal_addresses yes\n</lookup>";
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", block, Configs.Noop("p", "1"));

        var status = await LookupDaemon.RegisteredAsync(daemon);

        Assert.Equal(server.RecordsUrl, status.Servers.Single().Url);
        Assert.Equal(LookupDaemon.Uris(status), await server.UrisOfAsync(status.ClientUuid!));
    }

    [Fact]
    public async Task ServerDown_ClosedPortOrSilent_DelaysNoCollectionAndStopIsBounded()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the kernel's backlog) and never answers
        var silentPort = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var closedPort = LookupServerProcess.FreePort();
        using var dirBase = new TempDir();
        using var dirClosed = new TempDir();
        using var dirSilent = new TempDir();
        using var baseline = await ApiDaemon.StartAsync(dirBase, "127.0.0.1:0", Configs.Noop("p", "0.1"));
        using var closed = await ApiDaemon.StartAsync(dirClosed, "127.0.0.1:0", LookupDaemon.Block($"http://127.0.0.1:{closedPort}/lookup/records"), Configs.Noop("p", "0.1"));
        using var hanging = await ApiDaemon.StartAsync(dirSilent, "127.0.0.1:0", LookupDaemon.Block($"http://127.0.0.1:{silentPort}/lookup/records"), Configs.Noop("p", "0.1"));

        var before = await Task.WhenAll(Runs(baseline), Runs(closed), Runs(hanging));
        // The window: until the daemon without lookup has run 30 more times (about 3 s).
        await Wait.UntilAsync(async () => await Runs(baseline) >= before[0] + 30, TimeSpan.FromSeconds(30), "30 baseline runs");
        var after = await Task.WhenAll(Runs(baseline), Runs(closed), Runs(hanging));
        var delta = after.Zip(before, (x, y) => x - y).ToArray();

        Assert.True(delta[1] >= delta[0] * 0.8, $"closed port: {delta[1]} runs vs {delta[0]} without lookup");
        Assert.True(delta[2] >= delta[0] * 0.8, $"silent server: {delta[2]} runs vs {delta[0]} without lookup");
        var closedStatus = await LookupDaemon.StatusAsync(closed);
        Assert.False(closedStatus.Servers[0].Reachable);
        Assert.True(closedStatus.Failures >= 1);
        Assert.Equal(1, closed.Process.Count("retrying with backoff"));

        foreach (var daemon in new[] { closed, hanging })
        {
            var stop = Stopwatch.StartNew();
            daemon.Process.Signal(Sig.Term);
            Assert.Equal(0, await daemon.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.True(stop.Elapsed < TimeSpan.FromSeconds(12), $"stop took {stop.Elapsed}");
        }

        static async Task<long> Runs(ApiDaemon daemon)
        {
            var list = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync(daemon.Client, "api/v1/collectors", Fathom.Api.Client.Wire.ApiJson.Default.CollectorListDto);
            return list!.Collectors.Sum(c => c.Runs);
        }
    }
}
