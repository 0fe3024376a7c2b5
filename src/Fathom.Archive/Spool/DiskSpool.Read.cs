namespace Fathom.Archive.Spool;

public sealed partial class DiskSpool
{
    /// <inheritdoc />
    public SpoolBatch? ReadNext(long afterSequence)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            while (FindAfter(afterSequence) is var (seg, i))
            {
                var r = seg.Records[i];
                var size = RecordFrame.HeaderBytes + r.Length;
                if (_readBuffer.Length < size)
                {
                    _readBuffer = new byte[Math.Max(size, _readBuffer.Length * 2)];
                }

                var bytes = _readBuffer.AsSpan(0, size);
                string? bad;
                try
                {
                    seg.Reader ??= File.OpenHandle(seg.Path, FileMode.Open, FileAccess.Read);
                    var n = 0;
                    while (n < size)
                    {
                        var got = RandomAccess.Read(seg.Reader, bytes[n..], r.Offset + n);
                        if (got == 0)
                        {
                            break;
                        }

                        n += got;
                    }

                    bad = n < size ? $"the file ends {size - n} bytes early" : Check(bytes, r);
                    if (bad is null)
                    {
                        var measurements = BatchDecoder.Decode(bytes[RecordFrame.HeaderBytes..], _seriesCache);
                        return new SpoolBatch(r.Sequence, r.AppendedUnixNs, measurements);
                    }
                }
                catch (SpoolFormatException e)
                {
                    bad = e.Message;
                }
                catch (Exception e) when (IsIo(e))
                {
                    throw new SpoolException($"{seg.Path}: reading record {r.Sequence} at offset {r.Offset}: {Reason(e)}", e);
                }

                // Unreadable now (the disk changed since the scan, or it never decoded): skip, count, say so.
                seg.Records.RemoveAt(i);
                _corruptRecords++;
                _corruptBytes += size;
                if (r.Sequence > _state.Acknowledged)
                {
                    _pendingBatches--;
                    _pendingMeasurements -= r.Measurements;
                }

                Log.CorruptOnRead(_logger, seg.Path, r.Sequence, r.Offset, bad);
            }

            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask WaitForRecordAsync(long afterSequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (FindAfter(afterSequence) is not null)
                {
                    return;
                }

                wait = _recordSignal.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>For tests: the file, offset and size of a record in the index.</summary>
    internal (string Path, long Offset, int Bytes)? Locate(long sequence)
    {
        lock (_gate)
        {
            return FindAfter(sequence - 1) is var (seg, i) && seg.Records[i].Sequence == sequence
                ? (seg.Path, seg.Records[i].Offset, RecordFrame.HeaderBytes + seg.Records[i].Length)
                : null;
        }
    }

    private static string? Check(ReadOnlySpan<byte> bytes, RecordInfo r)
    {
        if (!RecordFrame.TryReadHeader(bytes, out var length, out var crc) || length != r.Length)
        {
            return "bad frame header";
        }

        return !RecordFrame.TryVerify(bytes, crc, bytes[RecordFrame.HeaderBytes..], out var seq, out _, out _) || seq != r.Sequence
            ? "bad CRC"
            : null;
    }
}
