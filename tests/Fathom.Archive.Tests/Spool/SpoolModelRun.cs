using Fathom.Archive.Spool;
using Fathom.TestSupport;

namespace Fathom.Archive.Tests.Spool;

/// <summary>One random run of <see cref="SpoolModelTests"/>: each int picks an operation and its arguments.</summary>
internal sealed class SpoolModelRun(string folder, int[] ops)
{
    private readonly List<ModelRecord> _records = [];
    private readonly Random _random = new(ops[0]);
    private readonly TimeSpan? _sync = ops[0] % 2 == 0 ? null : TimeSpan.FromMilliseconds(20);
    private DiskSpool _spool = null!;
    private long _issued;
    private long _acked;
    private long _dropped;
    private long _corruptRecords;
    private long _corruptBytes;
    private (string Path, long Bytes)? _tornTail;
    private Guid _stream;
    private readonly List<string> _trace = [];

    /// <summary>Totals over every run (dropped, corrupt found, torn tails, reopens), to show what the runs exercised.</summary>
    public static long[] Coverage { get; } = new long[4];

    public void Execute()
    {
        try
        {
            Open();
            _stream = _spool.StreamId;
            foreach (var op in ops.Skip(1))
            {
                var arg = op / 100;
                _trace.Add($"{op % 100}:{arg}");
                switch (op % 100)
                {
                    case < 55: Append(arg); break;
                    case < 62: Acknowledge(arg); break;
                    case < 70: Read(); break;
                    case < 75: _spool.Dispose(); Open(); break;
                    case < 80: _spool.Crash(); Open(); break;
                    case < 87: TornWrite(arg); break;
                    default: Corrupt(arg); break;
                }

                CheckStats();
            }

            Read();
            Interlocked.Add(ref Coverage[0], _dropped);
            Interlocked.Add(ref Coverage[1], _corruptRecords);
        }
        catch (Exception e) when (e is not ModelFailure)
        {
            var state = string.Join(' ', _records.Select(r => $"{r.Sequence}@{Path.GetFileName(r.Path)}+{r.Offset}/{r.Bytes}{(r.Corrupt ? "C" : "")}{(r.Detected ? "D" : "")}{(r.Gone ? "G" : "")}"));
            throw new ModelFailure($"sync {_sync?.TotalMilliseconds ?? 0} ms; after {string.Join(' ', _trace)}; records {state}; acked {_acked}: {e.Message}", e);
        }
        finally
        {
            _spool?.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Open()
    {
        // A scan counts every run of adjacent corrupt records still on disk once (a torn tail joins the run before it).
        long records = 0, bytes = 0;
        var files = _records.Where(r => !r.Gone).GroupBy(r => r.Path).ToList();
        foreach (var file in files)
        {
            var inRun = false;
            foreach (var r in file.OrderBy(r => r.Offset))
            {
                if (r.Corrupt)
                {
                    records += inRun ? 0 : 1;
                    bytes += r.Bytes;
                    r.Detected = true;
                }

                inRun = r.Corrupt;
            }

            if (_tornTail is { } t && t.Path == file.Key && t.Bytes > 0)
            {
                records += inRun ? 0 : 1;
                bytes += t.Bytes;
            }

            // A corrupt run at the end of a file is a torn tail: the scan cuts it off.
            foreach (var r in file.OrderByDescending(r => r.Offset).TakeWhile(r => r.Corrupt))
            {
                r.Gone = true;
            }
        }

        if (_tornTail is { } tail && files.All(f => f.Key != tail.Path) && tail.Bytes > 0)
        {
            records++;
            bytes += tail.Bytes;
        }

        Interlocked.Add(ref Coverage[2], _tornTail is { Bytes: > 0 } ? 1 : 0);
        Interlocked.Increment(ref Coverage[3]);
        _tornTail = null;
        _spool = DiskSpool.Open(new SpoolOptions
        {
            Folder = folder, SegmentBytes = 8 * 1024, MaxBytes = 64 * 1024, SyncInterval = _sync, Logger = new ListLogger(),
        });
        if (_stream != Guid.Empty)
        {
            Assert.Equal(_stream, _spool.StreamId);
        }

        Assert.Equal(_acked, _spool.Acknowledged);
        _corruptRecords = records;
        _corruptBytes = bytes;
        Assert.Equal((records, bytes), (_spool.Stats.CorruptRecords, _spool.Stats.CorruptBytes));
        MarkDeleted();
    }

    private void Append(int arg)
    {
        var batch = SpoolData.Batch(new Random(arg), 1 + (arg % 1000));
        var seq = _spool.AppendAsync(batch, default).AsTask().GetAwaiter().GetResult();
        Assert.True(seq > _issued, $"sequence {seq} handed out again (issued up to {_issued})");
        _issued = seq;
        var (path, offset, bytes) = _spool.Locate(seq) ?? throw new InvalidOperationException($"record {seq} not in the index");
        foreach (var r in _records.Where(r => !r.Gone && !File.Exists(r.Path)))
        {
            // Dropped at the bound: what was in the index and not acknowledged is counted.
            r.Gone = true;
            if (r.Sequence > _acked && !(r.Corrupt && r.Detected))
            {
                _dropped++;
            }
        }

        _records.Add(new ModelRecord(seq, batch, path, offset, bytes));
        Assert.Equal(_dropped, _spool.Stats.DroppedBatches);
    }

    private void Acknowledge(int arg)
    {
        if (_issued <= _acked)
        {
            return;
        }

        _acked += 1 + (arg % (_issued - _acked));
        _spool.Acknowledge(_acked);
        MarkDeleted();
    }

    private void Read()
    {
        var expected = _records.Where(r => r.Sequence > _acked && r.InIndex).ToList();
        foreach (var r in expected.Where(r => r.Corrupt))
        {
            // Found when read: counted one by one.
            r.Detected = true;
            _corruptRecords++;
            _corruptBytes += r.Bytes;
        }

        var read = RecoveryTests.ReadAll(_spool, _acked);
        var good = expected.Where(r => !r.Corrupt).ToList();
        Assert.Equal(good.Select(r => r.Sequence), read.Select(b => b.Sequence));
        for (var i = 0; i < good.Count; i++)
        {
            SpoolData.Equal(good[i].Batch, read[i].Measurements);
        }
    }

    private void TornWrite(int arg)
    {
        _spool.Crash();
        var last = Directory.GetFiles(folder, "*.seg").Order(StringComparer.Ordinal).LastOrDefault();
        if (last is not null)
        {
            var length = new FileInfo(last).Length;
            var cut = arg % (length + 1);
            using (var f = new FileStream(last, FileMode.Open, FileAccess.Write))
            {
                f.SetLength(cut);
            }

            long partial = 0;
            foreach (var r in _records.Where(r => !r.Gone && r.Path == last && r.Offset + r.Bytes > cut))
            {
                r.Gone = true;
                if (r.Offset < cut)
                {
                    partial = cut - r.Offset;
                }
            }

            _tornTail = (last, partial);
            _trace.Add($"cut {Path.GetFileName(last)} at {cut} of {length}");
        }

        Open();
    }

    private void Corrupt(int arg)
    {
        var present = _records.Where(r => !r.Gone).ToList();
        if (present.Count == 0)
        {
            return;
        }

        var r = present[arg % present.Count];
        using (var f = new FileStream(r.Path, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = r.Offset + (arg / 7 % r.Bytes);
            var b = f.ReadByte();
            f.Position--;
            f.WriteByte((byte)(b ^ (1 << (arg % 8))));
        }

        r.Corrupt = true;
    }

    private void MarkDeleted()
    {
        foreach (var r in _records.Where(r => !r.Gone && !File.Exists(r.Path)))
        {
            Assert.True(r.Sequence <= _acked || (r.Corrupt && r.Detected), $"record {r.Sequence} deleted unacknowledged (acknowledged {_acked})");
            r.Gone = true;
        }
    }

    private void CheckStats()
    {
        var stats = _spool.Stats;
        var pending = _records.Where(r => r.Sequence > _acked && r.InIndex).ToList();
        Assert.Equal(pending.Count, stats.PendingBatches);
        Assert.Equal(pending.Sum(r => (long)r.Batch.Length), stats.PendingMeasurements);
        Assert.Equal(_dropped, stats.DroppedBatches);
        Assert.Equal((_corruptRecords, _corruptBytes), (stats.CorruptRecords, stats.CorruptBytes));
        Assert.Equal(Directory.GetFiles(folder, "*.seg").Sum(f => new FileInfo(f).Length), stats.PendingBytes);
        Assert.Equal(0, stats.WriteErrors);
    }
}
