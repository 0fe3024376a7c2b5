using System.Buffers.Binary;

namespace Fathom.Archive.Blocks;

/// <summary>
/// Collects one batch's open-block points as (varint series id, zigzag varint time delta, 8-byte value)
/// into a buffer reused across batches, so journaling a point allocates nothing.
/// </summary>
public sealed class JournalChunkBuilder
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private long _previousTime;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, _length);

    public void Add(long seriesId, long timeNs, double value)
    {
        if (_buffer.Length - _length < 28)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        WriteVarint((ulong)seriesId);
        var delta = unchecked(timeNs - _previousTime);
        WriteVarint((ulong)((delta << 1) ^ (delta >> 63)));
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
        _previousTime = timeNs;
        Count++;
    }

    public void Clear()
    {
        _length = 0;
        _previousTime = 0;
        Count = 0;
    }

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }
}
