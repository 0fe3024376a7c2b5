using System.Net;
using System.Text.Json;
using Fathom.TestSupport;

namespace Fathom.IntegrationTests;

/// <summary>The API inside the real fathomd: run now and reload on the real supervisor, listen and IPv6, the port logged.</summary>
public sealed class ApiDaemonTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("thread")]
    [InlineData("process")]
    public async Task RunNow_RealDaemon_RunsOnceCountedScheduleUnchanged(string isolation)
    {
        using var dir = new TempDir();
        await AlignedSlots.AwayFromBoundaryAsync(TimeSpan.FromSeconds(3600), TimeSpan.FromSeconds(60));
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", Configs.Noop("c1", "3600", isolation, "schedule aligned"));
        var before = await Collector(daemon, "c1", c => c.GetProperty("state").GetString() == "idle" && c.TryGetProperty("nextRun", out _));

        using var request = daemon.Admin(HttpMethod.Post, "/api/v1/collectors/c1/run");
        using var response = await daemon.Client.SendAsync(request).WaitAsync(Deadline);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var after = await Collector(daemon, "c1", c => c.GetProperty("runs").GetInt64() == 1 && c.GetProperty("state").GetString() == "idle");
        Assert.Equal(1, after.GetProperty("manualRuns").GetInt64());
        Assert.Equal(before.GetProperty("nextRun").GetString(), after.GetProperty("nextRun").GetString());
        await Wait.UntilAsync(() => daemon.Process.Output.Contains("run now, out of schedule", StringComparison.Ordinal), Deadline, "the manual run logged");
    }

    [Fact]
    public async Task RunNow_RunInProgress_409()
    {
        using var dir = new TempDir();
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", Configs.Noop("slow", "600", "thread", "sleep 30\n    timeout 60"));
        await Collector(daemon, "slow", c => c.GetProperty("state").GetString() == "running");

        using var request = daemon.Admin(HttpMethod.Post, "/api/v1/collectors/slow/run");
        using var response = await daemon.Client.SendAsync(request).WaitAsync(Deadline);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("runs never overlap", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_ThroughTheApi_AppliedThenRejectedWithFileLine()
    {
        using var dir = new TempDir();
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", Configs.Noop("c1", "600"));
        Configs.Write(dir, ApiDaemon.ApiBlock(dir), Configs.Noop("c1", "600"), Configs.Noop("c2", "600"));

        using (var request = daemon.Admin(HttpMethod.Post, "/api/v1/reload"))
        using (var applied = await daemon.Client.SendAsync(request).WaitAsync(Deadline))
        {
            var body = JsonDocument.Parse(await applied.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
            Assert.Equal((1, 1), (body.GetProperty("kept").GetInt32(), body.GetProperty("started").GetInt32()));
            Assert.Equal(["c1", "c2"], body.GetProperty("collectors").EnumerateArray().Select(e => e.GetString()));
        }

        var broken = Configs.Write(dir, ApiDaemon.ApiBlock(dir), Configs.Noop("c1", "600"), "<collector c3>\n    module nosuchmodule\n</collector>");
        using (var request = daemon.Admin(HttpMethod.Post, "/api/v1/reload"))
        using (var rejected = await daemon.Client.SendAsync(request).WaitAsync(Deadline))
        {
            var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
            Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType!.MediaType);
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith($"{broken}:", StringComparison.Ordinal));
        }

        var list = JsonDocument.Parse(await daemon.Client.GetStringAsync(new Uri("/api/v1/collectors", UriKind.Relative))).RootElement;
        Assert.Equal(["c1", "c2"], list.GetProperty("collectors").EnumerateArray().Select(c => c.GetProperty("id").GetString())); // the running config kept
    }

    [Fact]
    public async Task Listen_Ipv6LoopbackPort0_ServedAndPortLogged()
    {
        using var dir = new TempDir();
        using var daemon = await ApiDaemon.StartAsync(dir, "[::1]:0", Configs.Noop("c1", "600"));

        Assert.Equal("[::1]", daemon.Address.Host);
        Assert.NotEqual(0, daemon.Address.Port);
        Assert.Equal("ok\n", await daemon.Client.GetStringAsync(new Uri("/healthz", UriKind.Relative)).WaitAsync(Deadline));
    }

    [Fact]
    public async Task Enabled_No_NoListenerDaemonRuns()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, "<api>\n    enabled no\n    listen 127.0.0.1:0\n</api>", Configs.Noop("c1", "0.2"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);

        await daemon.WaitForOutputAsync("collector c1 started");
        await Wait.UntilAsync(() => File.Exists(dir.File("archive.db")), Deadline, "the archive");

        Assert.DoesNotContain("api listening", daemon.Output, StringComparison.Ordinal);
        Assert.False(daemon.HasExited);
    }

    [Fact]
    public async Task Listen_PortInUse_CannotStartApiExit1()
    {
        using var dir = new TempDir();
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var config = Configs.Write(dir, ApiDaemon.ApiBlock(dir, $"127.0.0.1:{port}"), Configs.Noop("c1", "600"));

        var (code, output) = await DaemonProcess.RunAsync(["--foreground", $"--config={config}"], Deadline);

        Assert.Equal(1, code);
        Assert.Contains($"cannot start api: cannot listen on 127.0.0.1:{port}:", output, StringComparison.Ordinal);
        Assert.Contains("address already in use", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Collector(ApiDaemon daemon, string id, Func<JsonElement, bool> condition)
    {
        JsonElement last = default;
        await Wait.UntilAsync(
            async () =>
            {
                var list = JsonDocument.Parse(await daemon.Client.GetStringAsync(new Uri("/api/v1/collectors", UriKind.Relative))).RootElement;
                last = list.GetProperty("collectors").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).Clone();
                return condition(last);
            },
            Deadline,
            $"collector {id} to reach the state asked for");
        return last;
    }
}
