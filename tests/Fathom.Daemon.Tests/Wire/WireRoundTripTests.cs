using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.Core.Scheduling;
using Fathom.Child.Wire;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Daemon.Tests.Wire;

public sealed class WireRoundTripTests
{
    private static readonly SeriesKey Rtt = new("rtt", "ms", [new("collector", "ping1"), new("dest", "example.org")]);
    private static readonly SeriesKey Loss = new("loss", "", [new("collector", "ping1")]);

    public static TheoryData<double> Values =>
    [
        0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, Math.PI, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300, 123456789012345678.0, 2.2250738585072009e-308,
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Sample_Value_RoundTripsBitForBit(double value)
    {
        var (sink, _, bad) = await RoundTrip(w => w.Write(Measurement.Of(new Sample(Rtt, 1_767_225_600_123_456_789, value))));

        var sample = Assert.Single(sink.Samples());
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(sample.Value));
        Assert.Equal(1_767_225_600_123_456_789, sample.TimeUnixNs);
        Assert.Empty(bad);
    }

    [Fact]
    public async Task Samples_SeveralSeries_KeysRebuiltEqualAndDefinedOnce()
    {
        var lines = new List<string>();
        var (sink, _, _) = await RoundTrip(
            w =>
            {
                w.Write(Measurement.Of(new Sample(Rtt, 1, 10)));
                w.Write(Measurement.Of(new Sample(Loss, 2, 0)));
                w.Write(Measurement.Of(new Sample(Rtt, 3, 11)));
            },
            lines);

        var samples = sink.Samples();
        Assert.Equal([Rtt, Loss, Rtt], samples.Select(s => s.Series));
        Assert.Equal("rtt{collector=ping1,dest=example.org}", samples[0].Series.Canonical);
        Assert.Equal("ms", samples[0].Series.Unit);
        Assert.Same(samples[0].Series, samples[2].Series);
        Assert.Equal(2, lines.Count(l => l.StartsWith("D\t", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.StartsWith("S\t", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sample_TagsWithJsonSpecialCharacters_Survive()
    {
        var odd = new SeriesKey("if\"octets", "B/s", [new("collector", "a\tb"), new("name", "eth0 \"uplink\"\n\\x"), new("ü", "✓")]);

        var (sink, _, _) = await RoundTrip(w => w.Write(Measurement.Of(new Sample(odd, 1, 2))));

        Assert.Equal(odd, Assert.Single(sink.Samples()).Series);
    }

    [Fact]
    public async Task Event_RoundTrips()
    {
        var ev = new EventRecord("traceroute", [new("collector", "tr1"), new("dest", "x")], 42, """{"hops":[1,2,"*"],"s":"a\tb"}""");

        var (sink, _, _) = await RoundTrip(w => w.Write(Measurement.Of(ev)));

        var got = Assert.Single(sink.Events());
        Assert.Equal(ev.Name, got.Name);
        Assert.Equal(ev.Tags, got.Tags);
        Assert.Equal(ev.TimeUnixNs, got.TimeUnixNs);
        Assert.Equal(ev.Json, got.Json);
    }

    [Theory]
    [InlineData("normaloperation", null)]
    [InlineData(null, 0L)]
    [InlineData("maintenance", 42L)]
    public async Task Status_RoundTrips(string? admin, long? previous)
    {
        var st = new StatusRecord("eth0", 99, "down", admin) { PreviousUnixNs = previous };

        var (sink, _, _) = await RoundTrip(w => w.Write(Measurement.Of(st)));

        Assert.Equal(st, Assert.Single(sink.Statuses()));
    }

    [Fact]
    public async Task Mixed_OrderKept()
    {
        var (sink, _, _) = await RoundTrip(w =>
        {
            w.Write(Measurement.Of(new Sample(Rtt, 1, 1)));
            w.Write(Measurement.Of(new StatusRecord("e", 2, "up", null)));
            w.Write(Measurement.Of(new EventRecord("ev", [], 3, "{}")));
            w.Write(Measurement.Of(new Sample(Rtt, 4, 4)));
        });

        Assert.Equal(
            [MeasurementKind.Sample, MeasurementKind.Status, MeasurementKind.Event, MeasurementKind.Sample],
            sink.Snapshot().Select(m => m.Kind));
    }

    [Fact]
    public async Task Counters_OnlyTheGrowthIsAdded()
    {
        var child = new CollectorStats("c");
        var parent = new CollectorStats("c");
        var (_, _, _) = await RoundTrip(
            w =>
            {
                child.RunFinished(TimeSpan.FromMilliseconds(3));
                child.Failed();
                w.WriteCounters(child); // 1 run, 1 failure
                w.WriteCounters(child); // the same again: nothing new
                child.RunFinished(TimeSpan.FromMilliseconds(7));
                child.RunFinished(TimeSpan.FromMilliseconds(9));
                child.TimedOut();
                child.Overran();
                child.Overran();
                w.WriteCounters(child); // 3 runs, 1 failure, 1 timeout, 2 overruns
            },
            stats: parent);

        Assert.Equal(3, parent.Runs);
        Assert.Equal(1, parent.Failures);
        Assert.Equal(1, parent.Timeouts);
        Assert.Equal(2, parent.Overruns);
        Assert.Equal(TimeSpan.FromMilliseconds(9), parent.LastDuration);
    }

    [Fact]
    public void Counters_AddedToWhatTheParentAlreadyCounted()
    {
        var parent = new CollectorStats("c");
        parent.Restarted();
        parent.Failed(); // counted by an earlier incarnation of the child
        var reader = new WireReader(new ListSink(), parent, _ => { });

        reader.Apply("C\t2\t1\t0\t0\t100");
        reader.Apply("C\t1\t0\t0\t0\t100"); // never goes backwards

        Assert.Equal(2, parent.Runs);
        Assert.Equal(2, parent.Failures);
        Assert.Equal(1, parent.Restarts);
    }

    [Fact]
    public async Task Counters_LastRunRunningAndNextRun_CrossTheWire_ErrorKeptOnOneLine()
    {
        var child = new CollectorStats("c");
        var parent = new CollectorStats("c");
        var start = new DateTimeOffset(2026, 12, 2, 20, 0, 0, 123, TimeSpan.Zero);
        var next = start.AddSeconds(10);
        var (_, _, bad) = await RoundTrip(
            w =>
            {
                child.RunStarted(start);
                child.Failed();
                child.RunFinished(TimeSpan.FromMilliseconds(42), "IOException: disk\tgone\nreally");
                child.Scheduled(next);
                w.WriteCounters(child);
                child.RunStarted(next);
                w.WriteCounters(child);
            },
            stats: parent);

        Assert.Empty(bad);
        Assert.Equal(new CollectorRun(start, TimeSpan.FromMilliseconds(42), "IOException: disk gone really"), parent.LastRun);
        Assert.Equal(next, parent.RunningSince);
        Assert.Null(parent.NextRun);
        Assert.Equal((1, 1), (parent.Runs, parent.Failures));
    }

    [Fact]
    public void Counters_SucceededRun_NoError_NextRunKept()
    {
        var parent = new CollectorStats("c");
        var reader = new WireReader(new ListSink(), parent, _ => { });
        var start = new DateTimeOffset(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);

        reader.Apply($"C\t1\t0\t0\t0\t5000\t{start.UtcTicks}\t5000\t0\t{start.AddSeconds(1).UtcTicks}\t0\t");

        Assert.Equal(new CollectorRun(start, TimeSpan.FromMilliseconds(5), null), parent.LastRun);
        Assert.Null(parent.RunningSince);
        Assert.Equal(start.AddSeconds(1), parent.NextRun);
    }

    [Fact]
    public async Task Counters_ManualRuns_CountedOnceEachInTheParent()
    {
        var child = new CollectorStats("c");
        child.ManualRunStarted();
        child.ManualRunStarted();
        var parent = new CollectorStats("c");
        using var stream = new MemoryStream();
        using (var writer = new WireWriter(stream))
        {
            writer.WriteCounters(child);
            writer.WriteCounters(child); // sent again unchanged: not counted twice
            writer.Flush();
        }

        await new WireReader(new ListSink(), parent, _ => { }).PumpAsync(new MemoryStream(stream.ToArray()), CancellationToken.None);

        Assert.Equal(2, parent.ManualRuns);
    }

    [Fact]
    public void Answer_FromChild_HandedToTheParentWithItsNumber()
    {
        var answers = new List<(long, string)>();
        var reader = new WireReader(new ListSink(), new CollectorStats("c"), _ => { }, (seq, result) => answers.Add((seq, result)));

        reader.Apply("A\t42\tbusy");

        Assert.Equal([(42L, "busy")], answers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("X\tfoo")]
    [InlineData("S\t7\t1\t2")]
    [InlineData("S\t0\tnot-a-time\t2")]
    [InlineData("D\t0\t{not json")]
    [InlineData("E\t")]
    [InlineData("C\t1\t2")]
    [InlineData("A\tnot-a-number\tstarted")]
    public async Task Pump_MalformedLine_ReportedAndSkipped(string line)
    {
        var sink = new ListSink();
        var bad = new List<string>();
        var reader = new WireReader(sink, new CollectorStats("c"), bad.Add);
        var text = $"D\t0\t{{\"n\":\"x\",\"u\":\"\",\"t\":{{}}}}\n{line}\nS\t0\t5\t1.5\n";

        await reader.PumpAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), CancellationToken.None);

        var message = Assert.Single(bad);
        Assert.Contains("malformed line from child", message, StringComparison.Ordinal);
        Assert.Equal(1.5, Assert.Single(sink.Samples()).Value);
    }

    [Fact]
    public async Task Event_FromContextWithOwnCollectorTag_TravelsOverTheWire()
    {
        var stream = new MemoryStream();
        var writer = new WireWriter(stream);
        var context = new RunContext("tr1", new FakeTimeProvider(), writer, NullLogger.Instance);

        context.EmitEvent("traceroute", "{}", new KeyValuePair<string, string>("collector", "tr1"), new("dest", "x"));
        writer.Flush();

        var sink = new ListSink();
        await new WireReader(sink, new CollectorStats("tr1"), _ => { }).PumpAsync(new MemoryStream(stream.ToArray()), CancellationToken.None);
        var ev = Assert.Single(sink.Events());
        Assert.Equal("tr1", Assert.Single(ev.Tags, t => t.Key == "collector").Value);
    }

    private static async Task<(ListSink Sink, CollectorStats Stats, List<string> Bad)> RoundTrip(
        Action<WireWriter> write, List<string>? lines = null, CollectorStats? stats = null)
    {
        var stream = new MemoryStream();
        var writer = new WireWriter(stream);
        write(writer);
        writer.Flush();
        var bytes = stream.ToArray();
        lines?.AddRange(System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var sink = new ListSink();
        stats ??= new CollectorStats("c");
        var bad = new List<string>();
        await new WireReader(sink, stats, bad.Add).PumpAsync(new MemoryStream(bytes), CancellationToken.None);
        return (sink, stats, bad);
    }
}
