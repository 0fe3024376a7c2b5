using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;
using Fathom.Core.Storage;
using Fathom.Core.Tests.Scheduling;
using Fathom.TestSupport;

namespace Fathom.Core.Tests.Pipeline;

public sealed class LatestValuesTests
{
    private static readonly SeriesKey A = new("a", "ms", [new("collector", "x")]);
    private static readonly SeriesKey B = new("b", "", [new("collector", "x")]);

    [Fact]
    public async Task Observer_CommittedBatches_HoldsTheNewestValueOfEachSeries()
    {
        using var archive = new FakeArchive();
        var latest = new LatestValues();
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), new FakeTimeProvider(), capacity: 10_000, batchSize: 7, observer: latest);

        for (var i = 0; i < 100; i++)
        {
            pipeline.Write(Measurement.Of(new Sample(i % 2 == 0 ? A : B, i, i * 10)));
        }

        pipeline.Write(Measurement.Of(new EventRecord("e", [], 1, "{}")));
        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");

        var values = latest.Snapshot().ToDictionary(p => p.Key.Canonical, p => (p.Value.TimeNs, p.Value.Value));
        Assert.Equal(2, values.Count);
        Assert.Equal((98L, 980.0), values["a{collector=x}"]);
        Assert.Equal((99L, 990.0), values["b{collector=x}"]);
    }

    [Fact]
    public async Task Observer_ArchiveRefusing_SeesNothingUntilTheBatchIsCommitted()
    {
        using var archive = new FakeArchive();
        var clock = new FakeTimeProvider();
        var latest = new LatestValues();
        var pipeline = new MeasurementPipeline(archive, new RecordingLogger(), clock, capacity: 100, batchSize: 100, observer: latest);
        archive.FailNext(1);

        pipeline.Write(Measurement.Of(new Sample(A, 1, 5)));
        await Poll.UntilAsync(() => clock.ActiveTimers == 1, "the retry delay");

        Assert.Equal(0, latest.Count);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        await Poll.WithDeadline(pipeline.CompleteAsync(), "CompleteAsync");
        Assert.Equal(5, Assert.Single(latest.Snapshot()).Value.Value);
    }

    [Fact]
    public void Seed_SeriesAlreadyCommitted_KeepsTheCommittedValueAndAddsTheRest()
    {
        var latest = new LatestValues();
        latest.Set(A, 100, 1);
        var before = latest.Version;

        latest.Seed([new SeriesPoints(A, [new TimePoint(50, 9)]), new SeriesPoints(B, [new TimePoint(40, 7)]), new SeriesPoints(new SeriesKey("empty", "", []), [])]);

        var values = latest.Snapshot().ToDictionary(p => p.Key.Name, p => p.Value.Value);
        Assert.Equal(1, values["a"]);
        Assert.Equal(7, values["b"]);
        Assert.Equal(2, values.Count);
        Assert.NotEqual(before, latest.Version);
    }

    [Fact]
    public void Set_OlderPoint_DoesNotReplaceTheNewerOne()
    {
        var latest = new LatestValues();
        latest.Set(A, 100, 1);
        var version = latest.Version;

        latest.Set(A, 90, 2);
        latest.Set(A, 100, 3);

        Assert.Equal(3, Assert.Single(latest.Snapshot()).Value.Value);
        Assert.Equal(version, latest.Version); // no series added: readers keep their layout
    }

    [Fact]
    public void Set_ManySeriesAndEqualKeyInstances_OneCellPerSeriesNewestValue()
    {
        var latest = new LatestValues();
        for (var round = 0; round < 3; round++)
        {
            // A new but equal SeriesKey each round (a child's wire, a restarted collector): same series.
            for (var i = 0; i < 5_000; i++)
            {
                latest.Set(new SeriesKey("s", "", [new("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]), round, (round * 10_000) + i);
            }
        }

        var values = latest.Snapshot();
        Assert.Equal(5_000, values.Length);
        Assert.Equal(5_000, latest.Count);
        Assert.All(values, v => Assert.Equal(20_000 + int.Parse(v.Key.Tag("i")!, System.Globalization.CultureInfo.InvariantCulture), v.Value.Value));
    }
}
