namespace Fathom.Collectors.Common.Snmp.Ber;

/// <summary>
/// Reads BER elements from a packet without allocating. Every length is checked against what is
/// left of the enclosing element before it is used, so nothing is ever sized from an unchecked
/// length field. A failure is recorded (<see cref="Rejection"/>) and the Try methods return false:
/// hostile packets cost no exception.
/// </summary>
internal ref struct BerReader
{
    /// <summary>SNMP's lengths need at most 4 bytes (a UDP datagram is under 64 KiB).</summary>
    private const int MaxLengthBytes = 4;
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _limit;

    public BerReader(ReadOnlySpan<byte> data, int start = 0)
    {
        _data = data;
        _position = start;
        _limit = data.Length;
    }

    public readonly int Position => _position;

    /// <summary>Where the element being read (or the packet) ends.</summary>
    public readonly int Limit => _limit;

    public readonly bool AtLimit => _position == _limit;

    public SnmpRejection Rejection { get; private set; }

    public bool Fail(SnmpRejectReason reason, string what, int offset)
    {
        Rejection = new SnmpRejection(reason, offset, what);
        return false;
    }

    /// <summary>Reads a tag and a definite, minimal length that fits in what is left.</summary>
    public bool TryReadHeader(string what, out byte tag, out int length)
    {
        tag = 0;
        length = 0;
        var start = _position;
        if (_limit - _position < 2)
        {
            return Fail(SnmpRejectReason.Truncated, what, start);
        }

        tag = _data[_position++];
        if ((tag & 0x1F) == 0x1F)
        {
            return Fail(SnmpRejectReason.WrongTag, what, start);
        }

        var first = _data[_position++];
        if (first < 0x80)
        {
            length = first;
        }
        else
        {
            var count = first & 0x7F;
            if (count == 0 || count > MaxLengthBytes)
            {
                // 0x80 is the indefinite form, which SNMP's BER does not allow.
                return Fail(SnmpRejectReason.BadLength, what, start);
            }

            if (_limit - _position < count)
            {
                return Fail(SnmpRejectReason.Truncated, what, start);
            }

            if (_data[_position] == 0)
            {
                return Fail(SnmpRejectReason.BadLength, what, start);
            }

            long value = 0;
            for (var i = 0; i < count; i++)
            {
                value = (value << 8) | _data[_position++];
            }

            if (value < 0x80)
            {
                return Fail(SnmpRejectReason.BadLength, what, start);
            }

            if (value > _limit - _position)
            {
                return Fail(SnmpRejectReason.Truncated, what, start);
            }

            length = (int)value;
        }

        return length <= _limit - _position || Fail(SnmpRejectReason.Truncated, what, start);
    }

    /// <summary>Reads a header with tag <paramref name="expected"/> and returns its content.</summary>
    public bool TryReadPrimitive(byte expected, string what, out ReadOnlySpan<byte> content, out int offset)
    {
        content = default;
        offset = _position;
        if (!TryReadHeader(what, out var tag, out var length))
        {
            return false;
        }

        if (tag != expected)
        {
            return Fail(SnmpRejectReason.WrongTag, what, offset);
        }

        content = _data.Slice(_position, length);
        _position += length;
        return true;
    }

    /// <summary>Reads any element's header and content.</summary>
    public bool TryReadAny(string what, out byte tag, out ReadOnlySpan<byte> content, out int offset)
    {
        content = default;
        offset = _position;
        if (!TryReadHeader(what, out tag, out var length))
        {
            return false;
        }

        content = _data.Slice(_position, length);
        _position += length;
        return true;
    }

    /// <summary>Enters a constructed element: reading is then limited to its content until <see cref="TryLeave"/>.</summary>
    public bool TryEnter(byte expected, string what, out int outerLimit)
    {
        outerLimit = _limit;
        var offset = _position;
        if (!TryReadHeader(what, out var tag, out var length))
        {
            return false;
        }

        if (tag != expected)
        {
            return Fail(SnmpRejectReason.WrongTag, what, offset);
        }

        _limit = _position + length;
        return true;
    }

    /// <summary>Leaves an element entered with <see cref="TryEnter"/>; its content must be used up exactly.</summary>
    public bool TryLeave(int outerLimit, string what)
    {
        if (_position != _limit)
        {
            return Fail(SnmpRejectReason.TrailingBytes, what, _position);
        }

        _limit = outerLimit;
        return true;
    }

    /// <summary>An INTEGER that fits in 32 bits (request-id, error-status, version).</summary>
    public bool TryReadInt32(string what, out int value)
    {
        value = 0;
        if (!TryReadPrimitive(0x02, what, out var content, out var offset))
        {
            return false;
        }

        if (!BerInteger.TryReadSigned(content, out var wide) || wide is < int.MinValue or > int.MaxValue)
        {
            return Fail(SnmpRejectReason.BadInteger, what, offset);
        }

        value = (int)wide;
        return true;
    }
}
