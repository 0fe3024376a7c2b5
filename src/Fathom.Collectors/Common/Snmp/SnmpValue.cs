using System.Globalization;
using System.Text;

namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// A varbind's value: its <see cref="Type"/> and, by type, a signed number (Integer), an
/// unsigned one (Counter32, Gauge32, TimeTicks, Counter64), bytes (OctetString, IpAddress,
/// Opaque) or an OID. Null and the exceptions (noSuchObject, noSuchInstance, endOfMibView) carry nothing.
/// </summary>
public readonly struct SnmpValue : IEquatable<SnmpValue>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ulong _number;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly Oid _oid;

    private SnmpValue(SnmpType type, ulong number, ReadOnlyMemory<byte> bytes, Oid oid)
    {
        Type = type;
        _number = number;
        _bytes = bytes;
        _oid = oid;
    }

    public SnmpType Type { get; }

    /// <summary>The value of an Integer (0 for other types).</summary>
    public long Int64 => Type == SnmpType.Integer ? (long)_number : 0;

    /// <summary>The value of a Counter32, Gauge32, TimeTicks or Counter64 (0 for other types).</summary>
    public ulong UInt64 => IsUnsigned ? _number : 0;

    /// <summary>The bytes of an OctetString, IpAddress or Opaque (empty for other types).</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The value of an ObjectIdentifier (the empty OID for other types).</summary>
    public Oid Oid => _oid;

    /// <summary>noSuchObject, noSuchInstance or endOfMibView: the agent has no value here.</summary>
    public bool IsException => Type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView;

    private bool IsUnsigned => Type is SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64;

    /// <summary>
    /// Text for people and for name matching: an OctetString as UTF-8 when it is valid printable
    /// UTF-8 (else hex "02:fc:00:00:00:01"), an IpAddress dotted, numbers in invariant culture.
    /// </summary>
    public string Text => Type switch
    {
        SnmpType.OctetString => Printable(_bytes.Span) ?? Hex(_bytes.Span),
        SnmpType.Opaque => Hex(_bytes.Span),
        SnmpType.IpAddress => _bytes.Length == 4 ? new System.Net.IPAddress(_bytes.Span).ToString() : Hex(_bytes.Span),
        SnmpType.Integer => Int64.ToString(CultureInfo.InvariantCulture),
        SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64 => _number.ToString(CultureInfo.InvariantCulture),
        SnmpType.ObjectIdentifier => _oid.ToString(),
        SnmpType.Null => "",
        SnmpType.NoSuchObject => "noSuchObject",
        SnmpType.NoSuchInstance => "noSuchInstance",
        SnmpType.EndOfMibView => "endOfMibView",
        _ => Hex(_bytes.Span),
    };

    public static SnmpValue Null => new(SnmpType.Null, 0, default, default);

    public static SnmpValue Integer(long value) => new(SnmpType.Integer, (ulong)value, default, default);

    public static SnmpValue Counter32(uint value) => new(SnmpType.Counter32, value, default, default);

    public static SnmpValue Gauge32(uint value) => new(SnmpType.Gauge32, value, default, default);

    public static SnmpValue TimeTicks(uint value) => new(SnmpType.TimeTicks, value, default, default);

    public static SnmpValue Counter64(ulong value) => new(SnmpType.Counter64, value, default, default);

    public static SnmpValue OctetString(ReadOnlyMemory<byte> value) => new(SnmpType.OctetString, 0, value, default);

    public static SnmpValue OctetString(string value) => OctetString(Encoding.UTF8.GetBytes(value));

    public static SnmpValue IpAddress(ReadOnlyMemory<byte> value) => new(SnmpType.IpAddress, 0, value, default);

    public static SnmpValue Opaque(ReadOnlyMemory<byte> value) => new(SnmpType.Opaque, 0, value, default);

    public static SnmpValue ObjectIdentifier(Oid value) => new(SnmpType.ObjectIdentifier, 0, default, value);

    /// <summary>noSuchObject, noSuchInstance or endOfMibView.</summary>
    public static SnmpValue Exception(SnmpType type) =>
        type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView
            ? new(type, 0, default, default)
            : throw new ArgumentOutOfRangeException(nameof(type), type, "not an SNMP exception");

    /// <summary>The value as a number for Integer, Counter32, Gauge32, TimeTicks and Counter64.</summary>
    public bool TryGetDouble(out double value)
    {
        value = Type == SnmpType.Integer ? Int64 : IsUnsigned ? _number : double.NaN;
        return !double.IsNaN(value);
    }

    public override string ToString() => $"{Type}: {Text}";

    public bool Equals(SnmpValue other) =>
        Type == other.Type && _number == other._number && _oid == other._oid && _bytes.Span.SequenceEqual(other._bytes.Span);

    public override bool Equals(object? obj) => obj is SnmpValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _number, _oid, _bytes.Length);

    public static bool operator ==(SnmpValue left, SnmpValue right) => left.Equals(right);

    public static bool operator !=(SnmpValue left, SnmpValue right) => !left.Equals(right);

    private static string? Printable(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        // A trailing NUL is common padding from agents written in C.
        var trimmed = text.TrimEnd('\0');
        foreach (var c in trimmed)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return null;
            }
        }

        return trimmed;
    }

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (text.Length > 0)
            {
                text.Append(':');
            }

            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
