using Fathom.Api.Metrics;

namespace Fathom.Api.Tests.Metrics;

public sealed class SeriesNamingTests
{
    [Theory]
    [InlineData("ping.rtt.avg", "ms", "ping_rtt_avg_seconds", "seconds", 1.0, 1000.0, false)]
    [InlineData("http.cert_expiry", "days", "http_cert_expiry_seconds", "seconds", 86400.0, 1.0, false)]
    [InlineData("throughput.bps", "bits/s", "throughput_bps_bytes_per_second", "bytes_per_second", 1.0, 8.0, false)]
    [InlineData("host.mem.available", "bytes", "host_mem_available_bytes", "bytes", 1.0, 1.0, false)]
    [InlineData("ping.loss", "percent", "ping_loss_ratio", "ratio", 1.0, 100.0, false)]
    [InlineData("ping.sent", "count", "ping_sent", null, 1.0, 1.0, false)]
    [InlineData("host.cpu.count", "count", "host_cpu_count_value", null, 1.0, 1.0, false)]
    [InlineData("http.status", "code", "http_status", null, 1.0, 1.0, false)]
    [InlineData("host.net.rx_bytes", "bytes", "host_net_rx_bytes", "bytes", 1.0, 1.0, true)]
    [InlineData("host.net.rx_packets", "count", "host_net_rx_packets", null, 1.0, 1.0, true)]
    [InlineData("host.disk.read_time", "ms", "host_disk_read_time_seconds", "seconds", 1.0, 1000.0, true)]
    [InlineData("app.requests_total", "", "app_requests", null, 1.0, 1.0, true)]
    [InlineData("weird-name.x", "", "weird_name_x", null, 1.0, 1.0, false)]
    public void Shape_SeriesNameAndUnit_PrometheusNameBaseUnitAndKind(string name, string unit, string family, string? suffix, double multiplier, double divisor, bool counter)
    {
        var shape = SeriesNaming.Shape(name, unit);

        Assert.Equal(new MetricShape(family, suffix, multiplier, divisor, counter), shape);
        Assert.Equal(counter ? family + "_total" : family, shape.SampleName);
    }
}
