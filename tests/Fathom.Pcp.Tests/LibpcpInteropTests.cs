using Fathom.Core.Instrumentation;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Pcp.Tests;

/// <summary>Files written by the real libpcp_mmv (assets/mmv_writer.c), read by our reader.</summary>
public sealed class LibpcpInteropTests : IDisposable
{
    private const string LongName = "a.really.long.metric.name.that.does.not.fit.in.the.sixty.four.byte.v1.field";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_LibpcpV1File_ReturnsExactlyItsMetricsAndValues()
    {
        var file = MmvReader.Read(LibpcpWriter.Write(_folder.Path, "cwriter", labels: false));

        Assert.Equal(1, file.Version);
        AssertCommon(file);
        Assert.Equal(["requests", "traffic", "offset", "load", "version", "latency", "ratio"], file.Metrics.Select(m => m.Name));
        Assert.Empty(file.Labels);
    }

    [Fact]
    public void Read_LibpcpV3FileWithLabels_ReturnsMetricsLongNameAndLabels()
    {
        var file = MmvReader.Read(LibpcpWriter.Write(_folder.Path, "cwriter3", labels: true));

        Assert.Equal(3, file.Version);
        AssertCommon(file);
        var longMetric = Assert.Single(file.Metrics, m => m.Name == LongName);
        Assert.Equal(77u, Assert.Single(longMetric.Values).Value);
        Assert.Equal(
            ["{\"app\":\"mmv_writer\"}", "{\"unit\":\"ms\"}", "{\"role\":\"backup\"}", "{\"answer\":42}"],
            file.Labels.Select(l => l.Payload));
        var role = file.Labels[2];
        Assert.Equal(7u, role.Identity);
        Assert.Equal(1, role.Instance);
    }

    private static void AssertCommon(MmvFile file)
    {
        Assert.Equal(123, file.Cluster);
        Assert.Equal(MmvFlags.None, file.Flags);
        Assert.NotEqual(0UL, file.Generation);

        var requests = Metric(file, "requests");
        Assert.Equal((1u, MmvMetricType.U32, MetricSemantics.Counter, MetricUnits.Count), (requests.Item, requests.Type, requests.Semantics, requests.Units));
        Assert.Equal(("Requests served", "Requests served since start, a counter"), (requests.ShortHelp, requests.LongHelp));
        Assert.Null(requests.Indom);
        Assert.Equal(4_000_000_000u, Single(requests));

        var traffic = Metric(file, "traffic");
        Assert.Equal((MmvMetricType.U64, MetricSemantics.Counter, MetricUnits.KBytes), (traffic.Type, traffic.Semantics, traffic.Units));
        Assert.Equal(18_000_000_000_000_000_000UL, Single(traffic));

        var offset = Metric(file, "offset");
        Assert.Equal((MmvMetricType.I64, MetricSemantics.Instant, MetricUnits.None), (offset.Type, offset.Semantics, offset.Units));
        Assert.Equal(-1_234_567_890_123L, Single(offset));

        Assert.Equal(3.25, Single(Metric(file, "load")));
        Assert.Equal(0.5f, Single(Metric(file, "ratio")));

        var version = Metric(file, "version");
        Assert.Equal((MmvMetricType.String, MetricSemantics.Discrete), (version.Type, version.Semantics));
        Assert.Equal("mmv_writer 1.0", Single(version));

        var latency = Metric(file, "latency");
        Assert.Equal((6u, MmvMetricType.I32, MetricSemantics.Instant, MetricUnits.Milliseconds), (latency.Item, latency.Type, latency.Semantics, latency.Units));
        Assert.NotNull(latency.Indom);
        Assert.Equal(7u, latency.Indom.Serial);
        Assert.Equal(("Test workers", "The three workers of the test program"), (latency.Indom.ShortHelp, latency.Indom.LongHelp));
        Assert.Equal([new(0, "alpha"), new(1, "beta"), new(2, "gamma")], latency.Indom.Instances);
        Assert.Equal(
            [(0, "alpha", -5), (1, "beta", 0), (2, "gamma", 42)],
            latency.Values.Select(v => (v.Instance!.Value.Id, v.Instance.Value.Name, (int)v.Value)));
        Assert.Equal(latency.Indom, Assert.Single(file.InstanceDomains));
    }

    private static MmvMetric Metric(MmvFile file, string name) => Assert.Single(file.Metrics, m => m.Name == name);

    private static object Single(MmvMetric metric) => Assert.Single(metric.Values).Value;
}
