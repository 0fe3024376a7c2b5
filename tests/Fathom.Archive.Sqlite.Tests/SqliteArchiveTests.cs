using Fathom.Core.Storage;
using Fathom.TestSupport;
using System.Diagnostics;
using Fathom.Core.Measurements;
using Microsoft.Extensions.Logging;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

public sealed class SqliteArchiveTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WriteBatch_SamplesEventsAndStatus_RoundTripThroughReader()
    {
        var rtt = Key("rtt", "ms", ("target", "a.example"), ("af", "4"));
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch(
            [
                Point(rtt, T0, 1.5),
                Point(rtt, T0 + Second, 2.25),
                Event("trace", T0, """{"hops":3}""", ("target", "a.example")),
                Status("link0", T0, "up", "normal"),
            ]);
        }

        using var reader = ArchiveReader.Open(path);
        var series = Assert.Single(reader.Query("rtt", [], T0, T0 + Second));
        Assert.Equal("rtt{af=4,target=a.example}", series.Key.Canonical);
        Assert.Equal("ms", series.Key.Unit);
        Assert.Equal([new TimePoint(T0, 1.5), new TimePoint(T0 + Second, 2.25)], series.Points);
        var ev = Assert.Single(reader.ListEvents(T0, T0));
        Assert.Equal(("trace", T0, """{"hops":3}"""), (ev.Name, ev.TimeUnixNs, ev.Json));
        Assert.Equal([new KeyValuePair<string, string>("target", "a.example")], ev.Tags);
        Assert.Equal([new StatusRange("link0", T0, T0, "up", "normal")], reader.ListStatus());
    }

    [Fact]
    public void WriteBatch_DuplicateSeriesAndTime_KeepsOnePointWithLastValue()
    {
        var key = Key("loss", "%");
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([Point(key, T0, 1), Point(key, T0, 2)]);
            archive.WriteBatch([Point(key, T0, 3)]);
        }

        using var reader = ArchiveReader.Open(path);
        var series = Assert.Single(reader.Query("loss", [], T0 - Second, T0 + Second));
        Assert.Equal([new TimePoint(T0, 3)], series.Points);
        Assert.Equal(1, Assert.Single(reader.ListSeries()).PointCount);
    }

    [Fact]
    public void WriteBatch_NaNValue_ReadsBackAsNaN()
    {
        var key = Key("jitter");
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([Point(key, T0, double.NaN)]);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.True(double.IsNaN(Assert.Single(Assert.Single(reader.Query("jitter", [], T0, T0)).Points).Value));
    }

    [Fact]
    public void WriteBatch_SameStatusLater_ExtendsNewestRange()
    {
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([Status("link0", T0, "up"), Status("link0", T0 + Second, "up")]);
            archive.WriteBatch([Status("link0", T0 + (5 * Second), "up")]);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal([new StatusRange("link0", T0, T0 + (5 * Second), "up", null)], reader.ListStatus("link0"));
    }

    [Fact]
    public void WriteBatch_DifferentStatus_OpensNewRange()
    {
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch(
            [
                Status("link0", T0, "up"),
                Status("link0", T0 + Second, "up"),
                Status("link0", T0 + (2 * Second), "down"),
                Status("link0", T0 + (3 * Second), "down", "maintenance"),
                Status("link1", T0, "up"),
            ]);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal(
            [
                new StatusRange("link0", T0, T0 + Second, "up", null),
                new StatusRange("link0", T0 + (2 * Second), T0 + (2 * Second), "down", null),
                new StatusRange("link0", T0 + (3 * Second), T0 + (3 * Second), "down", "maintenance"),
                new StatusRange("link1", T0, T0, "up", null),
            ],
            reader.ListStatus());
    }

    [Fact]
    public void WriteBatch_StatusOlderThanNewestRangeEnd_IsRefusedCountedAndLogged()
    {
        var path = _folder.File("archive.db");
        var logger = new ListLogger();
        using (var archive = new SqliteArchive(path, logger))
        {
            archive.WriteBatch([Status("link0", T0, "up"), Status("link0", T0 + (10 * Second), "up")]);
            archive.WriteBatch([Status("link0", T0 + (5 * Second), "down")]);

            Assert.Equal(1, archive.RefusedStatusWrites);
        }

        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("link0", warning.Message, StringComparison.Ordinal);
        using var reader = ArchiveReader.Open(path);
        Assert.Equal([new StatusRange("link0", T0, T0 + (10 * Second), "up", null)], reader.ListStatus());
    }

    [Fact]
    public void WriteBatch_OldStatusAfterReopen_IsRefusedFromStoredRanges()
    {
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([Status("link0", T0 + (10 * Second), "up")]);
        }

        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([Status("link0", T0, "down"), Status("link0", T0 + (11 * Second), "up")]);
            Assert.Equal(1, archive.RefusedStatusWrites);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal([new StatusRange("link0", T0 + (10 * Second), T0 + (11 * Second), "up", null)], reader.ListStatus());
    }

    [Fact]
    public void Constructor_ExistingFile_KeepsDataAndSeriesIds()
    {
        var a = Key("rtt", "ms", ("target", "a"));
        var b = Key("rtt", "ms", ("target", "b"));
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([Point(a, T0, 1), Point(b, T0, 2)]);
        }

        Dictionary<string, long> idsBefore;
        using (var reader = ArchiveReader.Open(path))
        {
            idsBefore = reader.ListSeries().ToDictionary(s => s.Key.Canonical, s => s.Id);
        }

        using (var archive = new SqliteArchive(path))
        {
            // Fresh key objects, as a restarted daemon would build them.
            archive.WriteBatch([Point(Key("rtt", "ms", ("target", "b")), T0 + Second, 3), Point(Key("rtt", "ms", ("target", "c")), T0, 4)]);
        }

        using var after = ArchiveReader.Open(path);
        var series = after.ListSeries();
        Assert.Equal(3, series.Count);
        Assert.Equal(idsBefore["rtt{target=a}"], series.Single(s => s.Key.Canonical == "rtt{target=a}").Id);
        Assert.Equal(idsBefore["rtt{target=b}"], series.Single(s => s.Key.Canonical == "rtt{target=b}").Id);
        Assert.Equal(2, series.Single(s => s.Key.Canonical == "rtt{target=b}").PointCount);
        Assert.Equal(1, series.Single(s => s.Key.Canonical == "rtt{target=a}").PointCount);
    }

    [Fact]
    public void WriteBatch_FailingBatch_RollsBackWholeBatchAndForgetsNewSeries()
    {
        var b = Key("rtt", "ms", ("target", "b"));
        var c = Key("rtt", "ms", ("target", "c"));
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path);
        archive.WriteBatch([Point(Key("rtt", "ms", ("target", "a")), T0, 0)]);

        // A default measurement has no series key, so the batch fails after series b got a row id.
        Assert.ThrowsAny<ArgumentException>(() => archive.WriteBatch([Point(b, T0, 1), default]));

        // c now takes the row id b had; a stale cached id for b would file b's point under c.
        archive.WriteBatch([Point(c, T0, 3)]);
        archive.WriteBatch([Point(b, T0 + Second, 2)]);

        using var reader = ArchiveReader.Open(path);
        Assert.Equal([new TimePoint(T0 + Second, 2)], Assert.Single(reader.Query("rtt", [new("target", "b")], T0, T0 + Second)).Points);
        Assert.Equal([new TimePoint(T0, 3)], Assert.Single(reader.Query("rtt", [new("target", "c")], T0, T0 + Second)).Points);
    }

    [Fact]
    public void WriteBatch_FailingBatch_ForgetsStatusRangesItOpened()
    {
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path);
        archive.WriteBatch([Status("link0", T0, "up")]);

        Assert.ThrowsAny<ArgumentException>(() => archive.WriteBatch([Status("link0", T0 + (10 * Second), "down"), default]));

        // Measured against the stored ranges, not the rolled-back one, this write is in order.
        archive.WriteBatch([Status("link0", T0 + (5 * Second), "up")]);

        Assert.Equal(0, archive.RefusedStatusWrites);
        using var reader = ArchiveReader.Open(path);
        Assert.Equal([new StatusRange("link0", T0, T0 + (5 * Second), "up", null)], reader.ListStatus());
    }

    [Fact]
    public void WriteBatch_100kPointsInBatchesOf1000_FinishesQuickly()
    {
        var keys = Enumerable.Range(0, 10).Select(i => Key("rtt", "ms", ("target", $"t{i}"))).ToArray();
        var batch = new Measurement[1000];
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path);

        var watch = Stopwatch.StartNew();
        for (var b = 0; b < 100; b++)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var n = (b * batch.Length) + i;
                batch[i] = Point(keys[n % keys.Length], T0 + (n / keys.Length * Second), n);
            }

            archive.WriteBatch(batch);
        }

        watch.Stop();

        // Generous bound for a shared 2-core machine; the row form does well over 100k points/s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"100k points took {watch.Elapsed}");
        using var reader = ArchiveReader.Open(path);
        Assert.Equal(100_000, reader.ListSeries().Sum(s => s.PointCount));
    }

    [Fact]
    public void Constructor_NewFile_UsesWalJournalMode()
    {
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path);
        archive.WriteBatch([Point(Key("rtt"), T0, 1)]);

        // Bytes 18 and 19 of the header (file format write/read versions) are 2 in WAL mode.
        var header = new byte[20];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            file.ReadExactly(header);
        }

        Assert.Equal((byte)2, header[18]);
        Assert.Equal((byte)2, header[19]);
        Assert.True(File.Exists(path + "-wal"));
    }

    [Fact]
    public void Constructor_MissingFolder_CreatesFolderAndFile()
    {
        var path = Path.Combine(_folder.Path, "a", "b", "archive.db");
        using var archive = new SqliteArchive(path);
        Assert.True(File.Exists(path));
        Assert.Equal($"sqlite {path}", archive.Description);
    }

    [Fact]
    public void Constructor_TextFile_ThrowsNotAFathomArchiveAndLeavesFileAlone()
    {
        var path = _folder.File("notes.txt");
        var text = "these are notes, not a database, but long enough to look like a header to sqlite\n";
        File.WriteAllText(path, text);

        var e = Assert.Throws<ArchiveException>(() => new SqliteArchive(path));

        Assert.Contains("not a Fathom archive", e.Message, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void WriteBatch_AfterDispose_ThrowsObjectDisposed()
    {
        var archive = new SqliteArchive(_folder.File("archive.db"));
        archive.Dispose();
        Assert.Throws<ObjectDisposedException>(() => archive.WriteBatch([Point(Key("rtt"), T0, 1)]));
    }
}
