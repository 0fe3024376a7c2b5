namespace Fathom.Archive.Blocks;

/// <summary>Writes bits most-significant first into a caller's buffer sized for the worst case.</summary>
internal ref struct BitWriter
{
    private readonly Span<byte> _buffer;
    private int _bytes;
    private ulong _pending;
    private int _pendingBits;

    public BitWriter(Span<byte> buffer) => _buffer = buffer;

    public void WriteBit(bool bit) => Write(bit ? 1UL : 0UL, 1);

    /// <summary>Writes the low <paramref name="count"/> bits (1..64) of <paramref name="value"/>.</summary>
    public void Write(ulong value, int count)
    {
        if (count > 32)
        {
            Write(value >> 32, count - 32);
            Write(value & 0xFFFF_FFFFUL, 32);
            return;
        }

        // At most 7 bits wait between calls, so 7 + 32 always fits the 64-bit accumulator.
        _pending = (_pending << count) | (value & ((1UL << count) - 1));
        _pendingBits += count;
        while (_pendingBits >= 8)
        {
            _pendingBits -= 8;
            _buffer[_bytes++] = (byte)(_pending >> _pendingBits);
        }
    }

    /// <summary>Pads the last byte with zero bits and returns the number of bytes written.</summary>
    public int Finish()
    {
        if (_pendingBits > 0)
        {
            _buffer[_bytes++] = (byte)(_pending << (8 - _pendingBits));
            _pendingBits = 0;
        }

        return _bytes;
    }
}
