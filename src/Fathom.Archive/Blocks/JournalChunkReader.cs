using System.Buffers.Binary;

namespace Fathom.Archive.Blocks;

/// <summary>Walks a journal chunk written by <see cref="JournalChunkBuilder"/>; bad data throws <see cref="InvalidDataException"/>.</summary>
public ref struct JournalChunkReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private long _previousTime;

    public JournalChunkReader(ReadOnlySpan<byte> data) => _data = data;

    public bool Next(out long seriesId, out long timeNs, out double value)
    {
        if (_position >= _data.Length)
        {
            seriesId = 0;
            timeNs = 0;
            value = 0;
            return false;
        }

        seriesId = (long)ReadVarint();
        var zigzag = ReadVarint();
        timeNs = unchecked(_previousTime + ((long)(zigzag >> 1) ^ -(long)(zigzag & 1)));
        if (_data.Length - _position < 8)
        {
            throw new InvalidDataException("journal chunk ends inside a point");
        }

        value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_position..]);
        _position += 8;
        _previousTime = timeNs;
        return true;
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("journal chunk ends inside a number");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("journal chunk holds an overlong number");
    }
}
