using Fathom.Archive.Spool;
using Fathom.TestSupport;

namespace Fathom.Archive.Tests.Spool;

public sealed class RecoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    internal static DiskSpool Open(SpoolFolder folder, ListLogger? logger = null, long segmentBytes = 64 << 20, long maxBytes = 1L << 30,
        SpoolFullPolicy full = SpoolFullPolicy.Drop, TimeSpan? sync = null) =>
        DiskSpool.Open(new SpoolOptions
        {
            Folder = folder.Path,
            SegmentBytes = segmentBytes,
            MaxBytes = maxBytes,
            FullPolicy = full,
            SyncInterval = sync,
            Logger = logger ?? new ListLogger(),
        });

    internal static List<SpoolBatch> ReadAll(ISpool spool, long after = 0)
    {
        var list = new List<SpoolBatch>();
        while (spool.ReadNext(after) is { } b)
        {
            list.Add(b);
            after = b.Sequence;
        }

        return list;
    }

    [Fact]
    public async Task Reopen_AfterAppends_KeepsStreamIdRecordsAndContinuesSequences()
    {
        using var folder = new SpoolFolder();
        var random = new Random(3);
        var batches = Enumerable.Range(0, 5).Select(_ => SpoolData.Batch(random, 10)).ToArray();
        Guid stream;
        using (var spool = Open(folder))
        {
            stream = spool.StreamId;
            foreach (var b in batches)
            {
                await spool.AppendAsync(b, default).AsTask().WaitAsync(Timeout);
            }

            spool.Acknowledge(2);
        }

        using (var spool = Open(folder))
        {
            Assert.Equal(stream, spool.StreamId);
            Assert.Equal(2, spool.Acknowledged);
            var read = ReadAll(spool, spool.Acknowledged);
            Assert.Equal([3L, 4, 5], read.Select(b => b.Sequence));
            for (var i = 0; i < 3; i++)
            {
                SpoolData.Equal(batches[i + 2], read[i].Measurements);
            }

            Assert.Equal(6, await spool.AppendAsync(batches[0], default).AsTask().WaitAsync(Timeout));
            Assert.Equal(4, spool.Stats.PendingBatches);
        }
    }

    [Fact]
    public async Task Reopen_AfterEverythingAcknowledgedAndDeleted_NeverReusesSequences()
    {
        using var folder = new SpoolFolder();
        using (var spool = Open(folder))
        {
            for (var i = 0; i < 3; i++)
            {
                await spool.AppendAsync(SpoolData.Batch(new Random(i), 3), default).AsTask().WaitAsync(Timeout);
            }

            spool.Acknowledge(3);
            Assert.Empty(folder.Segments);
            Assert.Equal(0, spool.Stats.Segments);
        }

        using (var spool = Open(folder))
        {
            Assert.Equal(4, await spool.AppendAsync(SpoolData.Batch(new Random(9), 3), default).AsTask().WaitAsync(Timeout));
            spool.Crash();
        }

        // After a crash the next sequence comes from above the reservation, never below what was handed out.
        using (var spool = Open(folder))
        {
            Assert.True(await spool.AppendAsync(SpoolData.Batch(new Random(9), 3), default).AsTask().WaitAsync(Timeout) > 4);
        }
    }

    [Fact]
    public async Task Open_LastRecordTruncatedAtEveryOffset_CutsBackAndKeepsTheRest()
    {
        using var template = new SpoolFolder();
        var batches = Enumerable.Range(0, 4).Select(i => SpoolData.Batch(new Random(i), 6)).ToArray();
        using (var spool = Open(template))
        {
            foreach (var b in batches)
            {
                await spool.AppendAsync(b, default).AsTask().WaitAsync(Timeout);
            }
        }

        var segment = Assert.Single(template.Segments);
        var bytes = await File.ReadAllBytesAsync(segment);
        var lastStart = RecordFrameOffsets(bytes)[^2];

        for (var cut = lastStart; cut < bytes.Length; cut++)
        {
            using var folder = new SpoolFolder();
            Directory.CreateDirectory(folder.Path);
            File.Copy(Path.Combine(template.Path, SpoolStateFile.FileName), Path.Combine(folder.Path, SpoolStateFile.FileName));
            await File.WriteAllBytesAsync(Path.Combine(folder.Path, Path.GetFileName(segment)), bytes.AsMemory(0, (int)cut).ToArray());
            var logger = new ListLogger();
            using var spool = Open(folder, logger);
            var read = ReadAll(spool);
            Assert.Equal([1L, 2, 3], read.Select(b => b.Sequence));
            SpoolData.Equal(batches[2], read[2].Measurements);
            Assert.Equal(lastStart, new FileInfo(Path.Combine(folder.Path, Path.GetFileName(segment))).Length);
            var torn = cut > lastStart ? 1 : 0;
            Assert.Equal(torn, spool.Stats.CorruptRecords);
            Assert.Equal(cut - lastStart, spool.Stats.CorruptBytes);
            Assert.Equal(torn, logger.Entries.Count(e => e.Message.Contains("torn write", StringComparison.Ordinal)));
            Assert.True(await spool.AppendAsync(batches[3], default).AsTask().WaitAsync(Timeout) > 4);
        }
    }

    [Fact]
    public async Task Open_BytesFlippedInAMiddleRecord_SkipsItCountsItAndKeepsTheRecordsAfter()
    {
        using var folder = new SpoolFolder();
        var batches = Enumerable.Range(0, 5).Select(i => SpoolData.Batch(new Random(i), 8)).ToArray();
        using (var spool = Open(folder))
        {
            foreach (var b in batches)
            {
                await spool.AppendAsync(b, default).AsTask().WaitAsync(Timeout);
            }
        }

        var segment = Assert.Single(folder.Segments);
        var original = await File.ReadAllBytesAsync(segment);
        var offsets = RecordFrameOffsets(original);
        var third = (Start: offsets[2], End: offsets[3]);
        for (var at = third.Start; at < third.End; at += 7)
        {
            var bytes = (byte[])original.Clone();
            bytes[at] ^= 0x5A;
            await File.WriteAllBytesAsync(segment, bytes);
            var logger = new ListLogger();
            using (var spool = Open(folder, logger))
            {
                var read = ReadAll(spool);
                Assert.Equal([1L, 2, 4, 5], read.Select(b => b.Sequence));
                SpoolData.Equal(batches[3], read[2].Measurements);
                Assert.Equal(1, spool.Stats.CorruptRecords);
                Assert.Equal(third.End - third.Start, spool.Stats.CorruptBytes);
                Assert.Contains(logger.Entries, e => e.Message.Contains($"offset {third.Start}", StringComparison.Ordinal) && e.Message.Contains(segment, StringComparison.Ordinal));
                Assert.Equal(4, spool.Stats.PendingBatches);
            }

            await File.WriteAllBytesAsync(segment, original);
        }
    }

    [Fact]
    public async Task ReadNext_RecordCorruptedAfterOpen_SkippedAndCounted()
    {
        using var folder = new SpoolFolder();
        using var spool = Open(folder);
        for (var i = 0; i < 3; i++)
        {
            await spool.AppendAsync(SpoolData.Batch(new Random(i), 5), default).AsTask().WaitAsync(Timeout);
        }

        var segment = Assert.Single(folder.Segments);
        var bytes = await File.ReadAllBytesAsync(segment);
        var offsets = RecordFrameOffsets(bytes);
        bytes[offsets[1] + 30] ^= 1;
        await File.WriteAllBytesAsync(segment, bytes);
        Assert.Equal([1L, 3], ReadAll(spool).Select(b => b.Sequence));
        Assert.Equal(1, spool.Stats.CorruptRecords);
        Assert.Equal(2, spool.Stats.PendingBatches);
    }

    // Offsets of the records in a segment, found by walking lengths (the file is known good).
    internal static List<long> RecordFrameOffsets(byte[] bytes)
    {
        var offsets = new List<long>();
        long at = 0;
        while (at < bytes.Length)
        {
            offsets.Add(at);
            Assert.True(RecordFrame.TryReadHeader(bytes.AsSpan((int)at), out var length, out _));
            at += RecordFrame.HeaderBytes + length;
        }

        offsets.Add(at);
        return offsets;
    }
}
