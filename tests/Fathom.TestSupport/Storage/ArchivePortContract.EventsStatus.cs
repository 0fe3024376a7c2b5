using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    [Fact]
    public async Task Port_Events_ListedByRangeNameAndTagsInTimeOrder()
    {
        using var reader = await StoreAsync(
            [Event("restart", T0 + (2 * Second), "{\"pid\":2}", ("collector", "a")), Event("restart", T0, "{\"pid\":1}", ("collector", "b"))],
            [Event("alarm", T0 + Second, "{\"level\":\"high\"}", ("collector", "a"), ("host", "x")), Event("restart", T0 + (9 * Second), "{}")]);

        Assert.Equal(["restart@0 {\"pid\":1} collector=b", "alarm@1 {\"level\":\"high\"} collector=a,host=x", "restart@2 {\"pid\":2} collector=a", "restart@9 {} "],
            reader.ListEvents(long.MinValue, long.MaxValue).Select(Describe));
        Assert.Equal(["alarm@1 {\"level\":\"high\"} collector=a,host=x", "restart@2 {\"pid\":2} collector=a"],
            reader.ListEvents(T0 + Second, T0 + (2 * Second)).Select(Describe));
        Assert.Equal(["restart@0 {\"pid\":1} collector=b", "restart@2 {\"pid\":2} collector=a", "restart@9 {} "],
            reader.ListEvents(long.MinValue, long.MaxValue, "restart").Select(Describe));
        Assert.Equal(["alarm@1 {\"level\":\"high\"} collector=a,host=x", "restart@2 {\"pid\":2} collector=a"],
            reader.ListEvents(long.MinValue, long.MaxValue, null, Tags(("collector", "a"))).Select(Describe));
        Assert.Equal(["alarm@1 {\"level\":\"high\"} collector=a,host=x"],
            reader.ListEvents(long.MinValue, long.MaxValue, null, Tags(("host", "x"), ("collector", "a"))).Select(Describe));
        Assert.Empty(reader.ListEvents(long.MinValue, long.MaxValue, "alarm", Tags(("collector", "b"))));
        Assert.Empty(reader.ListEvents(long.MinValue, long.MaxValue, "nosuch"));
        Assert.Empty(reader.ListEvents(T0 + (10 * Second), long.MaxValue));
    }

    [Fact]
    public async Task Port_Status_SameStateExtendsNewStateOpensOlderWriteRefused()
    {
        long? refused = null;
        using var reader = await StoreAsync(
            writer => refused = RefusedStatusWrites(writer),
            [Status("eth0", T0, "up", "up"), Status("eth0", T0 + (10 * Second), "up", "up"), Status("eth1", T0 + Second, "down")],
            [Status("eth0", T0 + (20 * Second), "down", "up"), Status("eth0", T0 + (15 * Second), "up", "up")],
            [Status("eth0", T0 + (30 * Second), "down", "up"), Status("eth0", T0 + (40 * Second), "up", "down"), Status("eth1", T0 + Second, "down")]);

        StatusRange[] eth0 =
        [
            new("eth0", T0, T0 + (10 * Second), "up", "up"),
            new("eth0", T0 + (20 * Second), T0 + (30 * Second), "down", "up"),
            new("eth0", T0 + (40 * Second), T0 + (40 * Second), "up", "down"),
        ];
        StatusRange eth1 = new("eth1", T0 + Second, T0 + Second, "down", null);
        Assert.Equal([.. eth0, eth1], reader.ListStatus());
        Assert.Equal(eth0, reader.ListStatus("eth0"));
        Assert.Equal([eth0[1], eth0[2]], reader.ListStatus("eth0", T0 + (25 * Second), T0 + (40 * Second)));
        Assert.Equal([eth0[0]], reader.ListStatus("eth0", T0 + (10 * Second), T0 + (10 * Second)));
        Assert.Empty(reader.ListStatus("eth0", T0 + (11 * Second), T0 + (19 * Second)));
        Assert.Empty(reader.ListStatus("nosuch"));
        if (refused is not null)
        {
            // eth0 at +15 s is older than its range opened at +20 s; eth1 repeating its newest time is not older.
            Assert.Equal(1, refused);
        }
    }

    [Fact]
    public async Task Port_CheckOfAHealthyArchive_CountsEverythingAndFindsNoProblem()
    {
        IReadOnlyList<Measurement>[] batches =
        [
            .. Batches(Long, LongPoints()),
            [Point(CpuA0, T0, 1), Point(CpuA0, T0 + Second, double.NaN)],
            [Event("restart", T0, "{}"), Status("eth0", T0, "up"), Status("eth0", T0 + Second, "down")],
        ];
        using var reader = await StoreAsync(batches);

        var report = reader.Check();

        Assert.Empty(report.Problems);
        Assert.Equal((2L, LongPoints().Count + 2L, 1L, 2L), (report.Series, report.Points, report.Events, report.StatusRanges));
    }

    private static string Describe(EventRecord e) =>
        FormattableString.Invariant($"{e.Name}@{(e.TimeUnixNs - T0) / Second} {e.Json} {string.Join(',', e.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}");
}
