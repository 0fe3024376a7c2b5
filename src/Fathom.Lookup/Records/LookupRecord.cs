namespace Fathom.Lookup.Records;

/// <summary>
/// One sLS record: keys (sorted, ordinal) to lists of strings, as the lookup service stores them.
/// <c>type</c> is a one-element list like every other key; <c>uri</c>, <c>expires</c> and
/// <c>state</c>, which the server assigns, are lists here too and written as plain strings by the
/// server (<see cref="LookupRecordJson.Write"/>).
/// </summary>
public sealed class LookupRecord
{
    private readonly SortedDictionary<string, IReadOnlyList<string>> _values = new(StringComparer.Ordinal);

    /// <summary>Every key and its values, keys in ordinal order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values => _values;

    /// <summary>The first value of <c>type</c>, or null.</summary>
    public string? Type => First(LookupKeys.Type);

    /// <summary>The first value of <c>uri</c>, or null.</summary>
    public string? Uri => First(LookupKeys.Uri);

    /// <summary>The values of <paramref name="key"/>; empty when absent.</summary>
    public IReadOnlyList<string> Get(string key) => _values.TryGetValue(key, out var values) ? values : [];

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? First(string key) => _values.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Sets <paramref name="key"/> to <paramref name="values"/> (replacing what it held).</summary>
    public LookupRecord Set(string key, params IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _values[key] = [.. values];
        return this;
    }

    /// <summary>Removes <paramref name="key"/>; true when it was there.</summary>
    public bool Remove(string key) => _values.Remove(key);

    /// <summary>A copy that shares nothing mutable with this one.</summary>
    public LookupRecord Clone()
    {
        var copy = new LookupRecord();
        foreach (var (key, values) in _values)
        {
            copy._values[key] = values;
        }

        return copy;
    }

    /// <summary>True when both hold the same keys with the same values in the same order, the server's keys (uri, expires, ttl, state) aside.</summary>
    public bool SameContent(LookupRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = _values.Where(kv => !LookupKeys.IsServerKey(kv.Key)).ToList();
        var theirs = other._values.Where(kv => !LookupKeys.IsServerKey(kv.Key)).ToList();
        return mine.Count == theirs.Count
            && mine.Zip(theirs).All(p => p.First.Key == p.Second.Key && p.First.Value.SequenceEqual(p.Second.Value, StringComparer.Ordinal));
    }
}
