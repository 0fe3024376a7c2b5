using System.Text;

namespace Fathom.Core.Measurements;

/// <summary>
/// The identity of a series: a measurement name, tags sorted by key, and the unit recorded beside
/// it. Immutable; built once per series by a collector and reused for every point.
/// </summary>
public sealed class SeriesKey : IEquatable<SeriesKey>
{
    private readonly int _hash;

    /// <summary>A series of <paramref name="name"/> in <paramref name="unit"/> (null is none) with <paramref name="tags"/>, in any order.</summary>
    public SeriesKey(string name, string unit, IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Unit = unit ?? "";
        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        Tags = sorted;
        Canonical = BuildCanonical(name, sorted);
        _hash = StringComparer.Ordinal.GetHashCode(Canonical);
    }

    /// <summary>The measurement name, module.quantity.</summary>
    public string Name { get; }

    /// <summary>The unit (one of <see cref="Units"/>), or empty.</summary>
    public string Unit { get; }

    /// <summary>Tags sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }

    /// <summary>name{k=v,k=v}: one text per series, used as its identity in archives.</summary>
    public string Canonical { get; }

    /// <summary>The value of tag <paramref name="key"/>, or null.</summary>
    public string? Tag(string key)
    {
        foreach (var t in Tags)
        {
            if (t.Key == key)
            {
                return t.Value;
            }
        }

        return null;
    }

    /// <summary>Same canonical text.</summary>
    public bool Equals(SeriesKey? other) =>
        other is not null && (ReferenceEquals(this, other) || (_hash == other._hash && Canonical == other.Canonical));

    /// <summary>Same canonical text.</summary>
    public override bool Equals(object? obj) => Equals(obj as SeriesKey);

    /// <summary>A hash of the canonical text.</summary>
    public override int GetHashCode() => _hash;

    /// <summary>The canonical text.</summary>
    public override string ToString() => Canonical;

    private static string BuildCanonical(string name, KeyValuePair<string, string>[] tags)
    {
        if (tags.Length == 0)
        {
            return name;
        }

        var sb = new StringBuilder(name).Append('{');
        for (var i = 0; i < tags.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(tags[i].Key).Append('=').Append(tags[i].Value);
        }

        return sb.Append('}').ToString();
    }
}
