namespace Fathom.Collectors.Common.Snmp.Ber;

/// <summary>
/// Writes BER backwards from the end of a caller's buffer, so every length is known when its
/// header is written (one pass, no copying). Callers size the buffer (<see cref="SnmpMessage.MaxLength"/>);
/// running out is a bug and throws.
/// </summary>
internal ref struct BerWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;
    private int _start = buffer.Length;

    /// <summary>Bytes written so far: the end mark of a constructed element whose content comes next.</summary>
    public readonly int Written => _buffer.Length - _start;

    public readonly int Start => _start;

    public readonly ReadOnlySpan<byte> Result => _buffer[_start..];

    public void Prepend(byte value)
    {
        if (_start == 0)
        {
            throw new InvalidOperationException("BER buffer too small");
        }

        _buffer[--_start] = value;
    }

    public void Prepend(ReadOnlySpan<byte> value)
    {
        if (_start < value.Length)
        {
            throw new InvalidOperationException("BER buffer too small");
        }

        _start -= value.Length;
        value.CopyTo(_buffer[_start..]);
    }

    public void WriteHeader(byte tag, int contentLength)
    {
        if (contentLength < 0x80)
        {
            Prepend((byte)contentLength);
        }
        else
        {
            var bytes = 0;
            for (var rest = contentLength; rest != 0; rest >>= 8)
            {
                Prepend((byte)rest);
                bytes++;
            }

            Prepend((byte)(0x80 | bytes));
        }

        Prepend(tag);
    }

    /// <summary>Closes a constructed element whose content was written since <paramref name="endMark"/> (a <see cref="Written"/>).</summary>
    public void WriteConstructed(byte tag, int endMark) => WriteHeader(tag, Written - endMark);

    public void WriteSigned(byte tag, long value)
    {
        var length = BerInteger.SignedLength(value);
        for (var i = 0; i < length; i++)
        {
            Prepend((byte)(value >> (i * 8)));
        }

        WriteHeader(tag, length);
    }

    public void WriteUnsigned(byte tag, ulong value)
    {
        var length = BerInteger.UnsignedLength(value);
        for (var i = 0; i < length; i++)
        {
            Prepend(i < 8 ? (byte)(value >> (i * 8)) : (byte)0);
        }

        WriteHeader(tag, length);
    }

    public void WriteBytes(byte tag, ReadOnlySpan<byte> value)
    {
        Prepend(value);
        WriteHeader(tag, value.Length);
    }

    public void WriteOid(Oid oid)
    {
        var end = Written;
        BerOid.WriteReversed(ref this, oid);
        WriteConstructed(BerTag.ObjectIdentifier, end);
    }

    public void WriteValue(SnmpValue value)
    {
        var tag = (byte)value.Type;
        switch (value.Type)
        {
            case SnmpType.Integer:
                WriteSigned(tag, value.Int64);
                break;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64:
                WriteUnsigned(tag, value.UInt64);
                break;
            case SnmpType.OctetString or SnmpType.IpAddress or SnmpType.Opaque:
                WriteBytes(tag, value.Bytes.Span);
                break;
            case SnmpType.ObjectIdentifier:
                WriteOid(value.Oid);
                break;
            default:
                // Null and the exceptions carry no content.
                WriteHeader(tag, 0);
                break;
        }
    }
}
