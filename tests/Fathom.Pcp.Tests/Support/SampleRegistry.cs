using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Tests.Support;

/// <summary>A registry with every metric type, an instance domain, help texts, a string and a name longer than 63 bytes.</summary>
internal sealed class SampleRegistry
{
    public const string LongName = "collectors.very.long.metric.name.that.does.not.fit.in.sixty.four.bytes.total";

    public SampleRegistry(string name)
    {
        Registry = new MetricRegistry(name);
        Collectors = Registry.AddInstanceDomain([new(0, "cpu"), new(1, "disk io"), new(5, "net")], "Collectors", "One instance per configured collector");
        Runs = Registry.Add("collector.runs", MetricType.U64, MetricSemantics.Counter, MetricUnits.Count, "Collector runs", "Runs of each collector since start", Collectors);
        Lateness = Registry.Add("collector.lateness", MetricType.I32, MetricSemantics.Instant, MetricUnits.Milliseconds, "Last run lateness", "How late the last run started, in ms", Collectors);
        Total = Registry.Add("cpu.total", MetricType.U32, MetricSemantics.Counter, MetricUnits.Milliseconds, "CPU time", "CPU time used by the daemon");
        Rss = Registry.Add("mem.rss", MetricType.U64, MetricSemantics.Instant, MetricUnits.KBytes, "Resident memory", "Resident set size");
        Offset = Registry.Add("clock.offset", MetricType.I64, MetricSemantics.Instant, MetricUnits.Microseconds, "Clock offset", string.Empty);
        Load = Registry.Add("load", MetricType.Double, MetricSemantics.Instant, MetricUnits.None, string.Empty, string.Empty);
        Ratio = Registry.Add("ratio", MetricType.Float, MetricSemantics.Instant, MetricUnits.None, "A ratio", string.Empty);
        Version = Registry.Add("version", MetricType.String, MetricSemantics.Discrete, MetricUnits.None, "Daemon version", "The running daemon's version");
        Long = Registry.Add(LongName, MetricType.U32, MetricSemantics.Instant, MetricUnits.None, "Long name", string.Empty);

        Runs.Set(10, 0);
        Runs.Set(20, 1);
        Runs.Set(unchecked((long)18_000_000_000_000_000_000UL), 2);
        Lateness.Set(-5, 0);
        Lateness.Set(0, 1);
        Lateness.Set(42, 2);
        Total.Set(4_000_000_000L);
        Rss.Set(123_456);
        Offset.Set(-1_234_567_890_123L);
        Load.Set(3.25);
        Ratio.Set(0.5);
        Version.SetString("fathom 1.2.3");
        Long.Set(77);
    }

    public MetricRegistry Registry { get; }

    public InstanceDomain Collectors { get; }

    public Metric Runs { get; }

    public Metric Lateness { get; }

    public Metric Total { get; }

    public Metric Rss { get; }

    public Metric Offset { get; }

    public Metric Load { get; }

    public Metric Ratio { get; }

    public Metric Version { get; }

    public Metric Long { get; }
}
