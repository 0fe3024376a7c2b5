using Fathom.Archive.Blocks;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

public sealed class BlockArchiveTests : IDisposable
{
    private const int BlockPoints = BlockPointWriter.BlockPoints;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WriteBatch_ManySeriesInTimeOrder_QueriesReturnWhatWasWritten()
    {
        var keys = Keys(50);
        var path = _folder.File("archive.db");
        var expected = new Dictionary<string, List<TimePoint>>();
        using (var archive = new SqliteArchive(path))
        {
            // 2.5 blocks per series, in batches that cut across series and blocks.
            var all = new List<Measurement>();
            for (var i = 0; i < (BlockPoints * 5) / 2; i++)
            {
                foreach (var key in keys)
                {
                    var value = Math.Round(Math.Sin(i / 10.0) * 100, 2);
                    all.Add(Point(key, T0 + (i * Second) + (i % 7), value));
                    Expected(expected, key).Add(new TimePoint(T0 + (i * Second) + (i % 7), value));
                }
            }

            foreach (var batch in all.Chunk(777))
            {
                archive.WriteBatch(batch);
            }

            Assert.Equal(2L * keys.Length, archive.Connection.ScalarInt64("SELECT count(*) FROM blocks"));
        }

        using var reader = ArchiveReader.Open(path);
        foreach (var key in keys)
        {
            Assert.Equal(expected[key.Canonical], Single(reader, key, long.MinValue, long.MaxValue));
        }

        var info = reader.ListSeries().Single(s => s.Key.Canonical == keys[3].Canonical);
        Assert.Equal((expected[keys[3].Canonical].Count, T0, expected[keys[3].Canonical][^1].TimeNs), (info.PointCount, info.FirstTimeNs!.Value, info.LastTimeNs!.Value));

        // A range inside the second block, and one across the closed/open boundary.
        var points = expected[keys[7].Canonical];
        Assert.Equal(points[(BlockPoints + 5)..(BlockPoints + 10)], Single(reader, keys[7], points[BlockPoints + 5].TimeNs, points[BlockPoints + 9].TimeNs));
        Assert.Equal(points[((2 * BlockPoints) - 3)..((2 * BlockPoints) + 3)], Single(reader, keys[7], points[(2 * BlockPoints) - 3].TimeNs, points[(2 * BlockPoints) + 2].TimeNs));
    }

    [Fact]
    public void WriteBatch_SameBatchTwice_StoresEachPointOnce()
    {
        var key = Key("rtt");
        var path = _folder.File("archive.db");
        var batch = Enumerable.Range(0, BlockPoints + 10).Select(i => Point(key, T0 + (i * Second), i)).ToArray();
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch(batch);
            archive.WriteBatch(batch);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal(batch.Select(m => new TimePoint(m.Sample.TimeUnixNs, m.Sample.Value)), Single(reader, key, long.MinValue, long.MaxValue));
        Assert.Equal(BlockPoints + 10, Assert.Single(reader.ListSeries()).PointCount);
    }

    [Fact]
    public void WriteBatch_LateAndRewrittenPoints_MergedInTimeOrderLastWriteWins()
    {
        var key = Key("rtt");
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            // Even seconds fill one closed block and open the next.
            archive.WriteBatch([.. Enumerable.Range(0, BlockPoints + 5).Select(i => Point(key, T0 + (2 * i * Second), i))]);

            archive.WriteBatch(
            [
                Point(key, T0 + (3 * Second), -3),                          // into the closed block
                Point(key, T0 + (4 * Second), -4),                          // rewrite in the closed block
                Point(key, T0 - Second, -1),                                // before the first block
                Point(key, T0 + (2 * (BlockPoints + 1) * Second) + 1, -5),  // out of order in the open block
                Point(key, T0 + (2 * (BlockPoints + 2) * Second), -6),      // rewrite in the open block
            ]);
        }

        var expected = new SortedDictionary<long, double>();
        for (var i = 0; i < BlockPoints + 5; i++)
        {
            expected[T0 + (2 * i * Second)] = i;
        }

        expected[T0 + (3 * Second)] = -3;
        expected[T0 + (4 * Second)] = -4;
        expected[T0 - Second] = -1;
        expected[T0 + (2 * (BlockPoints + 1) * Second) + 1] = -5;
        expected[T0 + (2 * (BlockPoints + 2) * Second)] = -6;
        using var reader = ArchiveReader.Open(path);
        Assert.Equal(expected.Select(p => new TimePoint(p.Key, p.Value)), Single(reader, key, long.MinValue, long.MaxValue));
        Assert.Equal(expected.Count, Assert.Single(reader.ListSeries()).PointCount);
    }

    [Fact]
    public void Constructor_Reopen_RestoresOpenBlocksAndContinuesThem()
    {
        var keys = Keys(3);
        var path = _folder.File("archive.db");
        var half = BlockPoints / 2;
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([.. Round(keys, 0, half)]);
        }

        using (var archive = new SqliteArchive(path))
        {
            Assert.Equal(0, archive.Connection.ScalarInt64("SELECT count(*) FROM blocks"));
            archive.WriteBatch([.. Round(keys, half, BlockPoints)]);

            // The restored halves and the new halves close as one full block per series.
            Assert.Equal(keys.Length, archive.Connection.ScalarInt64($"SELECT count(*) FROM blocks WHERE count = {BlockPoints}"));
            Assert.Equal(0, archive.Connection.ScalarInt64("SELECT count(*) FROM journal"));
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal(Enumerable.Range(0, BlockPoints).Select(i => new TimePoint(T0 + (i * Second), i)), Single(reader, keys[1], long.MinValue, long.MaxValue));
    }

    [Fact]
    public void Dispose_OpenBlocks_LosesNothing()
    {
        var keys = Keys(20);
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([.. Round(keys, 0, BlockPoints + 17)]);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.All(reader.ListSeries(), s => Assert.Equal(BlockPoints + 17, s.PointCount));
        Assert.Equal(Enumerable.Range(0, BlockPoints + 17).Select(i => new TimePoint(T0 + (i * Second), i)), Single(reader, keys[19], long.MinValue, long.MaxValue));
    }

    [Fact]
    public void WriteBatch_ManyRounds_DeletesJournalChunksOfClosedBlocks()
    {
        var keys = Keys(10);
        using var archive = new SqliteArchive(_folder.File("archive.db"));
        for (var i = 0; i < 10 * BlockPoints; i += 10)
        {
            archive.WriteBatch([.. Round(keys, i, i + 10)]);
        }

        // Every block just closed, so no chunk is needed any more.
        Assert.Equal(0, archive.Connection.ScalarInt64("SELECT count(*) FROM journal"));
        Assert.Equal(10L * keys.Length, archive.Connection.ScalarInt64("SELECT count(*) FROM blocks"));
    }

    [Fact]
    public void WriteBatch_FailsAfterClosingBlocks_RetryStoresEachPointOnce()
    {
        var keys = Keys(4);
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([.. Round(keys, 0, BlockPoints - 2)]);
            var batch = Round(keys, BlockPoints - 2, BlockPoints + 3).ToList();

            // The default measurement fails the batch after its blocks closed in memory.
            Assert.ThrowsAny<ArgumentException>(() => archive.WriteBatch([.. batch, default]));
            archive.WriteBatch([.. batch]);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.All(reader.ListSeries(), s => Assert.Equal(BlockPoints + 3, s.PointCount));
        Assert.Equal(Enumerable.Range(0, BlockPoints + 3).Select(i => new TimePoint(T0 + (i * Second), i)), Single(reader, keys[2], long.MinValue, long.MaxValue));
    }

    [Fact]
    public void WriteBatch_DatabaseFull_ThrowsClearErrorAndRetryAfterwardsStoresEachPointOnce()
    {
        var keys = Keys(40);
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            var pages = archive.Connection.ScalarInt64("PRAGMA page_count");
            archive.Connection.Execute($"PRAGMA max_page_count = {pages + 2}");
            var batch = Round(keys, 0, BlockPoints + 1).ToArray();

            var e = Assert.Throws<ArchiveException>(() => archive.WriteBatch(batch));

            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("the disk is full", e.Message, StringComparison.Ordinal);
            archive.Connection.Execute("PRAGMA max_page_count = 1000000");
            archive.WriteBatch(batch);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.All(reader.ListSeries(), s => Assert.Equal(BlockPoints + 1, s.PointCount));
        Assert.Equal(Enumerable.Range(0, BlockPoints + 1).Select(i => new TimePoint(T0 + (i * Second), i)), Single(reader, keys[39], long.MinValue, long.MaxValue));
    }

    [Fact]
    public void WriteBatch_ReadOnlyDatabase_ThrowsClearErrorNamingFile()
    {
        var path = _folder.File("archive.db");
        using var archive = new SqliteArchive(path);

        // Root ignores file modes, so the connection is made read-only instead of the file.
        archive.Connection.Execute("PRAGMA query_only = ON");

        var e = Assert.Throws<ArchiveException>(() => archive.WriteBatch([Point(Key("rtt"), T0, 1)]));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("the file is read-only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_CorruptBlock_ReadablePointsReturned_BadBlockNamed()
    {
        var key = Key("rtt");
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([.. Enumerable.Range(0, 2 * BlockPoints).Select(i => Point(key, T0 + (i * Second), i * 1.5))]);
            archive.Connection.Execute($"UPDATE blocks SET data = substr(data, 1, length(data) / 2) WHERE start_ns = {T0}");
        }

        using var reader = ArchiveReader.Open(path);
        var points = reader.Query("rtt", [], long.MinValue, long.MaxValue).Single().Points;
        var stepped = reader.Query("rtt", [], long.MinValue, long.MaxValue, 3600L * Second, Aggregation.Count).Single().Points;

        Assert.Equal(Enumerable.Range(BlockPoints, BlockPoints).Select(i => new TimePoint(T0 + (i * Second), i * 1.5)), points);
        Assert.Equal(BlockPoints, stepped.Sum(p => p.Value));
        var problem = Assert.Single(reader.LastQueryProblems);
        Assert.Contains($"{path}: corrupt block of series", problem, StringComparison.Ordinal);
        Assert.Contains($"starting at {T0}", problem, StringComparison.Ordinal);
        Assert.Throws<ArchiveException>(() => reader.ForEachSeries("rtt", long.MinValue, long.MaxValue, (_, _) => { })); // export stays strict
    }

    [Fact]
    public void WriteBatch_SlowSeriesBesideFastOnes_JournalStaysBoundedAndNothingIsLost()
    {
        var slow = Key("slow");
        var fast = Keys(10);
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path, logger: null, maxJournalPoints: 1_000))
        {
            for (var i = 0; i < 2 * BlockPoints; i++)
            {
                // The slow series writes once per 40 steps: its open block would pin every chunk since.
                Measurement[] extra = i % 40 == 0 ? [Point(slow, T0 + (i * Second), i)] : [];
                archive.WriteBatch([.. Round(fast, i, i + 1), .. extra]);
                Assert.True(archive.Connection.ScalarInt64("SELECT coalesce(sum(points), 0) FROM journal") <= 1_000 + fast.Length + 1);
            }

            // The early close left short blocks of the slow series behind.
            Assert.True(archive.Connection.ScalarInt64("SELECT count(*) FROM blocks b JOIN series s ON s.id = b.series_id WHERE s.name = 'slow'") >= 2);
        }

        using var reader = ArchiveReader.Open(path);
        Assert.Equal(
            Enumerable.Range(0, 2 * BlockPoints).Where(i => i % 40 == 0).Select(i => new TimePoint(T0 + (i * Second), i)),
            Single(reader, slow, long.MinValue, long.MaxValue));
        Assert.All(reader.ListSeries().Where(s => s.Key.Name == "rtt"), s => Assert.Equal(2 * BlockPoints, s.PointCount));
    }

    [Theory]
    [InlineData("substr(data, 1, length(data) - 3)")]
    [InlineData("x'00'")]
    [InlineData("x'FFFFFFFFFFFFFFFFFF7F'")]
    public void Open_CorruptJournal_ReaderAndWriterThrowArchiveException(string corruptData)
    {
        var path = _folder.File("archive.db");
        using (var archive = new SqliteArchive(path))
        {
            archive.WriteBatch([.. Round(Keys(3), 0, 5)]);
            archive.Connection.Execute($"UPDATE journal SET data = {corruptData}");
        }

        using (var reader = ArchiveReader.Open(path))
        {
            var e = Assert.Throws<ArchiveException>(() => reader.ListSeries());
            Assert.Contains("corrupt journal", e.Message, StringComparison.Ordinal);
        }

        Assert.Contains("corrupt journal", Assert.Throws<ArchiveException>(() => new SqliteArchive(path)).Message, StringComparison.Ordinal);
    }

    private static SeriesKey[] Keys(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Key("rtt", "ms", ("target", $"t{i:D4}")))];

    private static IEnumerable<Measurement> Round(SeriesKey[] keys, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var key in keys)
            {
                yield return Point(key, T0 + (i * Second), i);
            }
        }
    }

    private static List<TimePoint> Expected(Dictionary<string, List<TimePoint>> all, SeriesKey key)
    {
        if (!all.TryGetValue(key.Canonical, out var list))
        {
            list = [];
            all[key.Canonical] = list;
        }

        return list;
    }

    private static IReadOnlyList<TimePoint> Single(ArchiveReader reader, SeriesKey key, long from, long to) =>
        Assert.Single(reader.Query(key.Name, [.. key.Tags], from, to), s => s.Key.Canonical == key.Canonical).Points;
}
