using Microsoft.Extensions.Logging;

namespace Fathom.Archive.Spool;

public sealed partial class DiskSpool
{
    /// <summary>
    /// Opens the spool in <see cref="SpoolOptions.Folder"/> (creating it and a new stream id when
    /// empty), scanning every segment: a torn tail is cut back to the last good record, bad records in
    /// the middle are skipped and counted, everything readable is kept.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem named).</exception>
    /// <exception cref="SpoolException">The folder cannot be used (named, with the reason).</exception>
    public static DiskSpool Open(SpoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        var folder = options.Folder;
        int lockFd;
        try
        {
            Directory.CreateDirectory(folder);
            lockFd = SpoolFiles.TryLock(Path.Combine(folder, "spool.lock"));
        }
        catch (Exception e) when (IsIo(e))
        {
            throw new SpoolException($"{folder}: cannot use as a spool folder: {e.Message}", e);
        }

        if (lockFd < 0)
        {
            throw new SpoolException($"{folder}: the spool is in use by another process (or another spool in this one)");
        }

        DiskSpool? spool = null;
        try
        {
            var state = SpoolStateFile.Read(folder);
            var files = Directory.GetFiles(folder, "*.seg");
            if (state is null && files.Length > 0)
            {
                throw new SpoolException($"{Path.Combine(folder, SpoolStateFile.FileName)}: missing while {files.Length} segment files exist; restore it, or remove the folder to start a new stream (its records would be lost)");
            }

            state ??= new SpoolState { StreamId = Guid.NewGuid() };
            spool = new DiskSpool(options, state, lockFd);
            spool.Recover(files);
            return spool;
        }
        catch (Exception e) when (IsIo(e))
        {
            spool?.ReleaseFiles();
            SpoolFiles.Unlock(lockFd);
            throw new SpoolException($"{folder}: cannot open the spool: {e.Message}", e);
        }
        catch
        {
            spool?.ReleaseFiles();
            SpoolFiles.Unlock(lockFd);
            throw;
        }
    }

    private void Recover(string[] files)
    {
        File.Delete(Path.Combine(_folder, SpoolStateFile.FileName + ".tmp"));
        _state.Acknowledged = Math.Max(_state.Acknowledged, _ackLog.ReadHighest());
        var named = new List<(long First, string Path)>();
        foreach (var f in files)
        {
            if (SpoolSegment.TryParseName(Path.GetFileName(f), out var first))
            {
                named.Add((first, f));
            }
        }

        named.Sort((a, b) => a.First.CompareTo(b.First));
        long highest = 0;
        foreach (var (first, path) in named)
        {
            var seg = new SpoolSegment(path, first);
            var scan = SegmentScanner.Scan(seg, highest);
            foreach (var (offset, bytes) in scan.CorruptRegions)
            {
                _corruptRecords++;
                _corruptBytes += bytes;
                Log.CorruptRegion(_logger, path, offset, bytes);
            }

            if (scan.TornTailAt >= 0)
            {
                _corruptRecords++;
                _corruptBytes += scan.TornTailBytes;
                Log.TornTail(_logger, path, scan.TornTailAt, scan.TornTailBytes);
                using var h = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
                RandomAccess.SetLength(h, scan.TornTailAt);
                RandomAccess.FlushToDisk(h);
            }

            highest = Math.Max(highest, seg.LastSequence);
            if (seg.Records.Count == 0 || seg.LastSequence <= _state.Acknowledged)
            {
                if (seg.Records.Count == 0)
                {
                    Log.SegmentRemoved(_logger, path, "no readable record in it");
                }

                File.Delete(path);
                continue;
            }

            _segments.Add(seg);
            _totalBytes += seg.Bytes;
            foreach (var r in seg.Records)
            {
                if (r.Sequence > _state.Acknowledged)
                {
                    _pendingBatches++;
                    _pendingMeasurements += r.Measurements;
                }
            }
        }

        _next = Math.Max(Math.Max(highest, _state.Reserved), _state.Acknowledged) + 1;
        _state.Reserved = _next - 1 + ReserveBlock;
        SpoolStateFile.Write(_folder, _state);
        _ackLog.Clear();
        Log.Opened(_logger, _folder, _state.StreamId, _segments.Count, _pendingBatches, _state.Acknowledged, _next);
    }
}
