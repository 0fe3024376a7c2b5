using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fathom.IntegrationTests;

/// <summary>
/// The real fathomd's /metrics scraped by a real Prometheus (Debian's package, which asks for
/// OpenMetrics first): its query API then returns our series, and every value it scraped is a
/// point the daemon's archive holds (converted to the base unit), since /metrics exposes only
/// committed points. The text format of the same daemon passes `promtool check metrics`.
/// </summary>
public sealed partial class PrometheusScrapeTests
{
    private const string PrometheusBinary = "/usr/bin/prometheus";
    private const string PromtoolBinary = "/usr/bin/promtool";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prometheus_ScrapesFathomd_QueryApiReturnsOurSeriesWithTheArchivesValues()
    {
        using var dir = new TempDir();
        var archive = dir.File("archive.db");
        var config = Configs.Write(
            dir,
            "<api>\n    listen 127.0.0.1:0\n</api>\n<mmv>\n    enabled no\n</mmv>",
            Configs.Noop("tick", interval: "0.5"),
            "<collector host>\n    module host\n    collection_interval 1\n</collector>",
            "<collector lo-ping>\n    module ping\n    target 127.0.0.1\n    count 1\n    collection_interval 1\n</collector>");
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        var api = await Wait.ForAsync(() => ListeningPattern().Match(daemon.Output) is { Success: true } m ? m.Groups[1].Value : null, Long, "the api listening line");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // promtool on the daemon's own text answer, once the first points are in.
        await Wait.UntilAsync(async () => (await http.GetStringAsync(new Uri(api + "/metrics"))).Contains("ping_rtt_avg_seconds{", StringComparison.Ordinal), Long, "ping_rtt_avg_seconds in /metrics");
        var text = await http.GetStringAsync(new Uri(api + "/metrics"));
        var (lintCode, lint) = await RunAsync(PromtoolBinary, ["check", "metrics"], text);
        Assert.True(lintCode == 0 && lint.Length == 0, $"promtool check metrics (exit {lintCode}):\n{lint}\n---\n{text}");

        var port = FreePort();
        var prometheusConfig = dir.Write("prometheus.yml", $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: fathom
                static_configs:
                  - targets: ['{new Uri(api).Authority}']
            """);
        using var prometheus = DaemonProcess.Start(
            [$"--config.file={prometheusConfig}", $"--storage.tsdb.path={dir.File("tsdb")}", $"--web.listen-address=127.0.0.1:{port}"],
            binary: PrometheusBinary);
        var query = $"http://127.0.0.1:{port}/api/v1/query?query=";

        async Task<JsonElement[]> QueryAsync(string promql)
        {
            try
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(query + Uri.EscapeDataString(promql))));
                return [.. doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone())];
            }
            catch (HttpRequestException)
            {
                return []; // not listening yet
            }
        }

        // Enough scrapes of the changing series: ten samples of each in Prometheus.
        string[] checkedSeries = ["ping_rtt_avg_seconds", "host_cpu_user_ratio", "host_net_rx_bytes_total", "host_mem_available_bytes", "noop_value"];
        foreach (var name in checkedSeries)
        {
            await Wait.UntilAsync(
                async () => (await QueryAsync($"count_over_time({name}[5m])")).Any(r => Value(r.GetProperty("value")) >= 10),
                Long,
                $"ten samples of {name} in Prometheus:\n{prometheus.Output}");
        }

        var targets = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/v1/targets"));
        Assert.Contains("\"health\":\"up\"", targets, StringComparison.Ordinal);
        Assert.Contains("\"lastError\":\"\"", targets, StringComparison.Ordinal);
        var up = await QueryAsync("up{job=\"fathom\"}");
        Assert.Equal(1, Value(Assert.Single(up).GetProperty("value")));
        var runs = await QueryAsync("fathom_collector_runs_total{collector=\"host\"}");
        Assert.True(Value(Assert.Single(runs).GetProperty("value")) >= 10);

        var scraped = new Dictionary<string, JsonElement[]>();
        foreach (var name in checkedSeries)
        {
            scraped[name] = await QueryAsync($"{name}[5m]");
        }

        prometheus.Signal(Sig.Term);
        await prometheus.WaitForExitAsync(Long);
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));

        // Every value Prometheus scraped is a stored point of that series, in the base unit.
        await AssertStoredAsync(archive, scraped["ping_rtt_avg_seconds"], "ping.rtt.avg", 1.0 / 1000, r => ("target", "127.0.0.1"));
        await AssertStoredAsync(archive, scraped["host_cpu_user_ratio"], "host.cpu.user", 1.0 / 100, null);
        await AssertStoredAsync(archive, scraped["host_mem_available_bytes"], "host.mem.available", 1, null);
        await AssertStoredAsync(archive, scraped["noop_value"], "noop.value", 1, null);
        await AssertStoredAsync(archive, scraped["host_net_rx_bytes_total"], "host.net.rx_bytes", 1, r => ("interface", r.GetProperty("metric").GetProperty("interface").GetString()!));
    }

    private static async Task AssertStoredAsync(string archive, JsonElement[] results, string series, double factor, Func<JsonElement, (string Key, string Value)>? tag)
    {
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var args = new List<string> { "query", $"--archive={archive}", $"--name={series}", "--from=-1h", "--format=json" };
            if (tag?.Invoke(result) is { } t)
            {
                args.Add($"--tag={t.Key}={t.Value}");
            }

            var (code, output) = await DaemonProcess.RunAsync(args, binary: Binaries.Fathom);
            Assert.True(code == 0, output);
            using var doc = JsonDocument.Parse(output);
            var stored = doc.RootElement.EnumerateArray().SelectMany(s => s.GetProperty("points").EnumerateArray())
                .Where(p => p.GetProperty("value").ValueKind == JsonValueKind.Number)
                .Select(p => p.GetProperty("value").GetDouble() * factor).ToList();
            var values = result.GetProperty("values").EnumerateArray().Select(Value).ToList();
            Assert.True(values.Count >= 1, $"{series}: no values in {result}");
            foreach (var v in values)
            {
                Assert.True(
                    stored.Exists(s => Math.Abs(s - v) <= 1e-12 * Math.Max(1, Math.Abs(v))),
                    $"{series}: Prometheus scraped {v.ToString("R", CultureInfo.InvariantCulture)}, which is no stored point ×{factor} ({stored.Count} stored: {string.Join(", ", stored.TakeLast(10))})");
            }
        }
    }

    // A Prometheus sample is [unix time, "value"].
    private static double Value(JsonElement sample) => double.Parse(sample[1].GetString()!, CultureInfo.InvariantCulture);

    private static async Task<(int Code, string Output)> RunAsync(string binary, string[] args, string stdin)
    {
        var info = new System.Diagnostics.ProcessStartInfo(binary, args) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token);
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"api listening on (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ListeningPattern();
}
