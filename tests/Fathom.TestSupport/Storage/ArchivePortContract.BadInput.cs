using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    [Fact]
    public async Task Port_UnknownSeriesOrGlobWithoutMatch_EmptyAnswers()
    {
        using var reader = await StoreAsync([Point(Key("known"), T0, 1)]);

        Assert.Empty(reader.Query("unknown", [], long.MinValue, long.MaxValue));
        Assert.Empty(reader.Query("unknown*", [], long.MinValue, long.MaxValue, Hour, Aggregation.Avg));
        Assert.Empty(reader.Last("?nknown", []));
        Assert.Empty(reader.ListSeries("x*"));
        var visited = 0;
        reader.ForEachSeries("nosuch", long.MinValue, long.MaxValue, (_, _) => visited++);
        Assert.Equal(0, visited);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-3_600_000_000_000)]
    [InlineData(long.MinValue)]
    public async Task Port_StepNotPositive_ArchiveExceptionNamingTheStep(long stepNs)
    {
        using var reader = await StoreAsync([Point(Key("known"), T0, 1)]);

        var error = Assert.Throws<ArchiveException>(() => reader.Query("known", [], T0 - Hour, T0 + Hour, stepNs, Aggregation.Avg));

        Assert.Equal(ArchiveErrorKind.Unusable, error.Kind);
        Assert.Contains("step", error.Message, StringComparison.Ordinal);
        Assert.Contains(stepNs.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_FromAfterTo_ArchiveExceptionForRawAndStepQueries()
    {
        using var reader = await StoreAsync([Point(Key("known"), T0, 1), Point(Key("known"), T0 + (30 * Second), 2)]);

        // Both ends fall in the same minute: a step query that took the buckets holding them would answer with that minute.
        var raw = Assert.Throws<ArchiveException>(() => reader.Query("known", [], T0 + (20 * Second), T0 + (10 * Second)));
        var step = Assert.Throws<ArchiveException>(() => reader.Query("known", [], T0 + (20 * Second), T0 + (10 * Second), Minute, Aggregation.Sum));

        Assert.All([raw, step], e => Assert.Contains("after", e.Message, StringComparison.Ordinal));
        Assert.All([raw, step], e => Assert.Equal(ArchiveErrorKind.Unusable, e.Kind));
    }

    [Fact]
    public async Task Port_FromAfterTo_ArchiveExceptionForEventsStatusAndTheExportWalk()
    {
        using var reader = await StoreAsync([Status("eth0", T0, "up"), Status("eth0", T0 + (30 * Second), "up"), Event("e", T0 + (15 * Second), "{}")]);

        // A reversed range inside the status range would overlap it.
        Assert.Contains("after", Assert.Throws<ArchiveException>(() => reader.ListStatus("eth0", T0 + (20 * Second), T0 + (10 * Second))).Message, StringComparison.Ordinal);
        Assert.Contains("after", Assert.Throws<ArchiveException>(() => reader.ListEvents(T0 + (20 * Second), T0 + (10 * Second))).Message, StringComparison.Ordinal);
        Assert.Contains("after", Assert.Throws<ArchiveException>(() => reader.ForEachSeries(null, T0 + 1, T0, (_, _) => { })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_ReaderOfAMissingArchive_ArchiveExceptionNamingIt()
    {
        var options = ReadBlock(MissingArchiveKeys());

        var error = Assert.Throws<ArchiveException>(() => OpenReader(options));

        Assert.Equal(ArchiveErrorKind.Unusable, error.Kind);
        Assert.Contains(options.Target, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_WriterAtAnUnusableLocation_ArchiveExceptionNamingIt()
    {
        var options = ReadBlock(UnusableArchiveKeys());
        Assert.NotEmpty(Catalog.Check(options));

        var error = Assert.ThrowsAny<ArchiveException>(() => OpenWriter(options));

        Assert.Contains(options.Target, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArchiveException>(() => OpenReader(options));
    }

    [Fact]
    public async Task Port_WriteWithCancelledToken_NothingStored()
    {
        var options = Options();
        using (var writer = OpenWriter(options))
        {
            using var cancel = new CancellationTokenSource();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(new[] { Point(Key("cancelled"), T0, 1) }, cancel.Token).AsTask());
            await WriteAsync(writer, [Point(Key("kept"), T0, 2)]);
        }

        using var reader = OpenReader(options);
        Assert.Equal(["kept"], reader.ListSeries().Select(s => s.Key.Name));
    }
}
