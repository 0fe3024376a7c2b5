using System.Net;
using System.Net.Http.Headers;
using Fathom.Api.Tests.Support;
using Fathom.Core.Instrumentation;
using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;

namespace Fathom.Api.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    private const string PrometheusAccept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    [Fact]
    public async Task Metrics_NoAccept_TextFormatThatPromtoolAccepts()
    {
        await using var host = await ApiHost.StartAsync(metrics: Registry(), latest: Latest());

        var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var (code, output) = await Promtool.CheckMetricsAsync(body);
        Assert.True(code == 0 && output.Length == 0, $"promtool check metrics (exit {code}):\n{output}\n---\n{body}");
        Assert.Contains("# HELP ping_rtt_avg_seconds Fathom series ping.rtt.avg (ms), latest value in seconds\n# TYPE ping_rtt_avg_seconds gauge\n", body, StringComparison.Ordinal);
        Assert.Contains("ping_rtt_avg_seconds{collector=\"p\",target=\"127.0.0.1\"} 0.0123\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE host_net_rx_bytes_total counter\nhost_net_rx_bytes_total{collector=\"h\",interface=\"lo\"} 123456789\n", body, StringComparison.Ordinal);
        Assert.Contains("ping_loss_ratio{collector=\"p\",target=\"127.0.0.1\"} 0.25\n", body, StringComparison.Ordinal);
        Assert.Contains("throughput_bps_bytes_per_second{collector=\"t\"} 125000\n", body, StringComparison.Ordinal);
        Assert.Contains("script_odd{collector=\"s\",tag_x=\"a\\\\b\\\"c\\nd\"} NaN\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1.5\n", body, StringComparison.Ordinal);
        Assert.Contains("fathom_collector_runs_total{collector=\"p\"} 7\n", body, StringComparison.Ordinal);
        Assert.Contains("fathom_process_max_resident_memory_bytes 2048\n", body, StringComparison.Ordinal);
        Assert.Matches(@"\nprocess_resident_memory_bytes [1-9][0-9]*\n", body);
        Assert.Matches(@"\nprocess_start_time_seconds 1[0-9]{9}(\.[0-9]+)?\n", body);
        Assert.Contains("fathom_metrics_series 6\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PrometheusAccept_OpenMetricsWithUnitsCountersWithoutTotalAndEof()
    {
        await using var host = await ApiHost.StartAsync(metrics: Registry(), latest: Latest());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", PrometheusAccept);

        var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("\n# EOF\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE host_net_rx_bytes counter\n# UNIT host_net_rx_bytes bytes\n# HELP host_net_rx_bytes ", body, StringComparison.Ordinal);
        Assert.Contains("\nhost_net_rx_bytes_total{collector=\"h\",interface=\"lo\"} 123456789\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE ping_rtt_avg_seconds gauge\n# UNIT ping_rtt_avg_seconds seconds\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_seconds counter\n# UNIT process_cpu_seconds seconds\n", body, StringComparison.Ordinal);
        Assert.Contains("\nprocess_cpu_seconds_total 1.5\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE process_cpu_seconds_total", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_SameNameDifferentUnitOrTags_OneFamilyConsistentLabelsCollisionsCounted()
    {
        var latest = new LatestValues();
        latest.Set(new SeriesKey("app.latency", "ms", [new("collector", "a")]), 1, 10);
        latest.Set(new SeriesKey("app.latency", "ms", [new("collector", "b"), new("zone", "z1")]), 1, 20);
        latest.Set(new SeriesKey("app.latency", "days", [new("collector", "c")]), 1, 30); // same Prometheus name, another unit
        latest.Set(new SeriesKey("app.x", "", [new("collector", "d"), new("tag.y", "1")]), 1, 1);
        latest.Set(new SeriesKey("app.x", "", [new("collector", "d"), new("tag_y", "1")]), 1, 2); // the same labels once sanitized
        latest.Set(new SeriesKey("process.resident_memory", "bytes", []), 1, 3); // would take the daemon's own name
        await using var host = await ApiHost.StartAsync(latest: latest);

        var body = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var (code, output) = await Promtool.CheckMetricsAsync(body);
        Assert.True(code == 0 && output.Length == 0, $"promtool check metrics (exit {code}):\n{output}\n---\n{body}");
        Assert.Contains("app_latency_seconds{collector=\"a\",zone=\"\"} 0.01\napp_latency_seconds{collector=\"b\",zone=\"z1\"} 0.02\n", body, StringComparison.Ordinal);
        Assert.Single(body.Split('\n'), l => l.StartsWith("# TYPE app_latency_seconds ", StringComparison.Ordinal));
        Assert.DoesNotContain("collector=\"c\"", body, StringComparison.Ordinal);
        Assert.Single(body.Split('\n'), l => l.StartsWith("app_x{", StringComparison.Ordinal));
        Assert.Contains("fathom_metrics_skipped_series 3\n", body, StringComparison.Ordinal);
        Assert.Contains("fathom_metrics_series 3\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_SeriesAddedAndValuesChanged_NextScrapeShowsThem()
    {
        var latest = new LatestValues();
        var a = new SeriesKey("app.a", "count", [new("collector", "c")]);
        latest.Set(a, 1, 1);
        await using var host = await ApiHost.StartAsync(latest: latest);
        var first = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        latest.Set(a, 2, 2);
        latest.Set(new SeriesKey("app.b", "count", [new("collector", "c")]), 2, 5);
        var second = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("app_a{collector=\"c\"} 1\n", first, StringComparison.Ordinal);
        Assert.DoesNotContain("app_b", first, StringComparison.Ordinal);
        Assert.Contains("app_a{collector=\"c\"} 2\n", second, StringComparison.Ordinal);
        Assert.Contains("app_b{collector=\"c\"} 5\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_SeededFromTheArchive_ShowsTheNewestStoredPoints()
    {
        var latest = new LatestValues();
        await using var host = await ApiHost.StartAsync(latest: latest);
        var key = new SeriesKey("ping.rtt.avg", "ms", [new("collector", "p"), new("target", "::1")]);
        host.Write(Measurement.Of(new Sample(key, 1_000_000_000, 1.5)), Measurement.Of(new Sample(key, 2_000_000_000, 2.5)));

        using (var reader = host.OpenReader())
        {
            latest.Seed(reader.Last("*", []));
        }

        var body = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("ping_rtt_avg_seconds{collector=\"p\",target=\"::1\"} 0.0025\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NoSources_StillValidWithProcessMetrics()
    {
        await using var host = await ApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var (code, output) = await Promtool.CheckMetricsAsync(body);
        Assert.True(code == 0 && output.Length == 0, $"promtool check metrics (exit {code}):\n{output}\n---\n{body}");
        Assert.Contains("fathom_metrics_series 0\n", body, StringComparison.Ordinal);
    }

    private static MetricRegistry Registry()
    {
        var registry = new MetricRegistry("fathom");
        registry.Add("cpu.total", MetricType.U64, MetricSemantics.Counter, MetricUnits.Milliseconds, "system + user CPU time", "Cumulative process system and user CPU time from times(2)").Set(1500L);
        registry.Add("mem.maxrss", MetricType.U64, MetricSemantics.Instant, MetricUnits.KBytes, "maximum RSS", "Maximum memory resident set size from getrusage(2)").Set(2L);
        registry.Add("pid", MetricType.U32, MetricSemantics.Discrete, MetricUnits.None, "PID", "Process identifier \"quoted\"\nsecond line").Set(42L);
        var collectors = registry.AddInstanceDomain([new(0, "p"), new(1, "h")], "collectors", "One instance per collector", "collector");
        var runs = registry.Add("collector.runs", MetricType.U64, MetricSemantics.Counter, MetricUnits.Count, "collector runs", "Runs completed, per collector", collectors);
        runs.Set(7L, 0);
        runs.Set(3L, 1);
        registry.Add("collector.last_duration", MetricType.Double, MetricSemantics.Instant, MetricUnits.Milliseconds, "last run", "Duration of the last run", collectors).Set(12.5, 0);
        registry.Add("version", MetricType.String, MetricSemantics.Discrete, MetricUnits.None, "version", "not a number: left out").SetString("1.0");
        return registry;
    }

    private static LatestValues Latest()
    {
        var latest = new LatestValues();
        latest.Set(new SeriesKey("ping.rtt.avg", "ms", [new("collector", "p"), new("target", "127.0.0.1")]), 1, 12.3);
        latest.Set(new SeriesKey("ping.loss", "percent", [new("collector", "p"), new("target", "127.0.0.1")]), 1, 25);
        latest.Set(new SeriesKey("host.net.rx_bytes", "bytes", [new("collector", "h"), new("interface", "lo")]), 1, 123456789);
        latest.Set(new SeriesKey("host.cpu.count", "count", [new("collector", "h")]), 1, 2);
        latest.Set(new SeriesKey("throughput.bps", "bits/s", [new("collector", "t")]), 1, 1_000_000);
        latest.Set(new SeriesKey("script.odd", "", [new("collector", "s"), new("tag x", "a\\b\"c\nd")]), 1, double.NaN);
        return latest;
    }
}
