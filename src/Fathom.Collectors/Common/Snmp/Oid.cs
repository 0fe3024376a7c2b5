using System.Globalization;
using System.Text;

namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// An SNMP object identifier: immutable arcs (sub-identifiers) as <see cref="uint"/>, compared
/// arc by arc (the lexicographic order GETNEXT walks in). <c>default</c> is the empty OID.
/// </summary>
public readonly struct Oid : IEquatable<Oid>, IComparable<Oid>
{
    /// <summary>SNMP's limit on sub-identifiers (RFC 2578 §3.5).</summary>
    public const int MaxLength = 128;

    private readonly uint[]? _arcs;

    private Oid(uint[] arcs) => _arcs = arcs;

    public int Length => _arcs?.Length ?? 0;

    public uint this[int i] => (_arcs ?? [])[i];

    internal ReadOnlySpan<uint> Arcs => _arcs;

    /// <summary>An OID of these arcs (copied); at least two, first 0-2, second below 40 unless the first is 2.</summary>
    public static Oid FromArcs(ReadOnlySpan<uint> arcs) =>
        Validate(arcs) is { } error ? throw new ArgumentException(error, nameof(arcs)) : new Oid(arcs.ToArray());

    /// <summary>Takes ownership of an array already checked (the decoder's).</summary>
    internal static Oid Own(uint[] arcs) => new(arcs);

    /// <summary>Parses dotted decimal ("1.3.6.1.2.1.1.3.0", a leading dot allowed); throws FormatException with the reason.</summary>
    public static Oid Parse(string text) =>
        TryParse(text, out var oid, out var error) ? oid : throw new FormatException(error);

    public static bool TryParse(string text, out Oid oid, out string? error)
    {
        oid = default;
        var body = text.AsSpan().Trim();
        if (body.StartsWith('.'))
        {
            body = body[1..];
        }

        if (body.IsEmpty)
        {
            error = $"'{text}' is not an OID: it is empty";
            return false;
        }

        var arcs = new List<uint>();
        foreach (var range in body.Split('.'))
        {
            var part = body[range];
            if (part.IsEmpty || !uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var arc))
            {
                error = $"'{text}' is not an OID: '{part}' is not a number from 0 to {uint.MaxValue}";
                return false;
            }

            arcs.Add(arc);
        }

        error = Validate(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(arcs));
        if (error is not null)
        {
            error = $"'{text}' is not an OID: {error}";
            return false;
        }

        oid = new Oid([.. arcs]);
        return true;
    }

    /// <summary>Why these arcs cannot be encoded in BER, or null.</summary>
    internal static string? Validate(ReadOnlySpan<uint> arcs)
    {
        if (arcs.Length < 2)
        {
            return "an OID has at least two arcs";
        }

        if (arcs.Length > MaxLength)
        {
            return $"{arcs.Length} arcs, more than SNMP's {MaxLength}";
        }

        if (arcs[0] > 2)
        {
            return $"the first arc is {arcs[0]}, not 0, 1 or 2";
        }

        if (arcs[0] < 2 && arcs[1] >= 40)
        {
            return $"the second arc is {arcs[1]} (below 40 when the first is {arcs[0]})";
        }

        return arcs[0] == 2 && arcs[1] > uint.MaxValue - 80 ? $"the second arc {arcs[1]} is too large" : null;
    }

    public bool StartsWith(Oid prefix) => Arcs.StartsWith(prefix.Arcs);

    public Oid Append(uint arc) => new([.. Arcs, arc]);

    public Oid Append(Oid suffix) => new([.. Arcs, .. suffix.Arcs]);

    /// <summary>True when this OID is <paramref name="prefix"/> plus exactly one arc (an ifTable column's ifIndex).</summary>
    public bool TryGetSuffix(Oid prefix, out uint lastArc)
    {
        if (Length == prefix.Length + 1 && StartsWith(prefix))
        {
            lastArc = Arcs[^1];
            return true;
        }

        lastArc = 0;
        return false;
    }

    public bool Equals(Oid other) => Arcs.SequenceEqual(other.Arcs);

    public override bool Equals(object? obj) => obj is Oid other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var arc in Arcs)
        {
            hash.Add(arc);
        }

        return hash.ToHashCode();
    }

    public int CompareTo(Oid other) => Arcs.SequenceCompareTo(other.Arcs);

    public override string ToString()
    {
        var text = new StringBuilder(Length * 4);
        foreach (var arc in Arcs)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(arc.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static bool operator ==(Oid left, Oid right) => left.Equals(right);

    public static bool operator !=(Oid left, Oid right) => !left.Equals(right);

    public static bool operator <(Oid left, Oid right) => left.CompareTo(right) < 0;

    public static bool operator <=(Oid left, Oid right) => left.CompareTo(right) <= 0;

    public static bool operator >(Oid left, Oid right) => left.CompareTo(right) > 0;

    public static bool operator >=(Oid left, Oid right) => left.CompareTo(right) >= 0;
}
