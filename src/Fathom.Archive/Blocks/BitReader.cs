namespace Fathom.Archive.Blocks;

/// <summary>Reads bits most-significant first; running past the end throws <see cref="InvalidDataException"/>.</summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _pending;
    private int _pendingBits;

    public BitReader(ReadOnlySpan<byte> data) => _data = data;

    public bool ReadBit() => Read(1) != 0;

    /// <summary>Reads <paramref name="count"/> bits (1..64) as an unsigned value.</summary>
    public ulong Read(int count)
    {
        if (count > 32)
        {
            var high = Read(count - 32);
            return (high << 32) | Read(32);
        }

        while (_pendingBits < count)
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("block data ends early");
            }

            _pending = (_pending << 8) | _data[_position++];
            _pendingBits += 8;
        }

        _pendingBits -= count;
        return (_pending >> _pendingBits) & ((1UL << count) - 1);
    }
}
