namespace Fathom.Archive.Spool;

/// <summary>
/// Reads a segment's records on open: each frame is checked (magic, a length that fits the file,
/// CRC, version, a sequence above the last one); after a bad one the scan resyncs on the next
/// magic that starts a good frame. Bad bytes at the end (a crash mid-append) are a torn tail.
/// </summary>
internal static class SegmentScanner
{
    public static ScanResult Scan(SpoolSegment segment, long previousSequence)
    {
        var result = new ScanResult();
        using var handle = File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Read);
        var window = new FileWindow(handle, RandomAccess.GetLength(handle));
        long pos = 0, goodEnd = 0, badStart = -1;
        var last = previousSequence;
        while (pos < window.Length)
        {
            if (TryRecord(window, pos, last, out var info))
            {
                if (badStart >= 0)
                {
                    result.CorruptRegions.Add((badStart, pos - badStart));
                    badStart = -1;
                }

                segment.Records.Add(info);
                last = info.Sequence;
                pos += RecordFrame.HeaderBytes + info.Length;
                goodEnd = pos;
                continue;
            }

            if (badStart < 0)
            {
                badStart = pos;
            }

            pos = FindMagic(window, pos + 1);
        }

        if (badStart >= 0)
        {
            result.TornTailAt = goodEnd;
            result.TornTailBytes = window.Length - goodEnd;
        }

        segment.Bytes = goodEnd < window.Length && badStart >= 0 ? goodEnd : window.Length;
        segment.LastSequence = Math.Max(segment.FirstSequence - 1, last == previousSequence ? 0 : last);
        return result;
    }

    private static bool TryRecord(FileWindow window, long pos, long previousSequence, out RecordInfo info)
    {
        info = default;
        var header = window.Get(pos, RecordFrame.HeaderBytes);
        if (!RecordFrame.TryReadHeader(header, out var length, out var crc) || length > window.Length - pos - RecordFrame.HeaderBytes)
        {
            return false;
        }

        Span<byte> h = stackalloc byte[RecordFrame.HeaderBytes];
        header.CopyTo(h);
        var payload = window.Get(pos + RecordFrame.HeaderBytes, length);
        if (!RecordFrame.TryVerify(h, crc, payload, out var seq, out var appended, out var count) || seq <= previousSequence)
        {
            return false;
        }

        info = new RecordInfo(seq, pos, length, count, appended);
        return true;
    }

    private static long FindMagic(FileWindow window, long from)
    {
        const int chunk = 64 * 1024;
        var magic = RecordFrame.Magic;
        while (from < window.Length)
        {
            var span = window.Get(from, chunk);
            var i = span.IndexOf(magic);
            if (i >= 0)
            {
                return from + i;
            }

            if (span.Length < magic.Length)
            {
                break;
            }

            // Step back so a magic split across two chunks is still found.
            from += span.Length - (magic.Length - 1);
            if (span.Length < chunk)
            {
                break;
            }
        }

        return window.Length;
    }
}
