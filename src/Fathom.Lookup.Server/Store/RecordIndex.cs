using Fathom.Lookup.Records;

namespace Fathom.Lookup.Server.Store;

/// <summary>
/// Which records hold a value under a key (case-insensitive, whole values), so a query with an
/// exact term reads its candidates instead of scanning every record. Keys a renew changes
/// (expires, state, ttl) are not indexed; a term on them, a wildcard or a bare key scans.
/// Candidates are a superset: the query still checks each one.
/// </summary>
internal sealed class RecordIndex
{
    private static readonly HashSet<string> None = [];
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _byKey = new(StringComparer.Ordinal);

    public static bool Indexed(string key) => key is not (LookupKeys.Expires or LookupKeys.State or LookupKeys.Ttl);

    public void Add(StoredRecord stored)
    {
        foreach (var (key, values) in stored.Record.Values)
        {
            if (!Indexed(key))
            {
                continue;
            }

            if (!_byKey.TryGetValue(key, out var byValue))
            {
                _byKey[key] = byValue = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            }

            foreach (var value in values)
            {
                if (!byValue.TryGetValue(value, out var uris))
                {
                    byValue[value] = uris = new HashSet<string>(StringComparer.Ordinal);
                }

                uris.Add(stored.Uri);
            }
        }
    }

    public void Remove(StoredRecord stored)
    {
        foreach (var (key, values) in stored.Record.Values)
        {
            if (!Indexed(key) || !_byKey.TryGetValue(key, out var byValue))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (byValue.TryGetValue(value, out var uris) && uris.Remove(stored.Uri) && uris.Count == 0)
                {
                    byValue.Remove(value);
                }
            }

            if (byValue.Count == 0)
            {
                _byKey.Remove(key);
            }
        }
    }

    /// <summary>The uris of records holding any of <paramref name="values"/> under <paramref name="key"/>; null when the index cannot say (read only, never changed by the caller).</summary>
    public IReadOnlySet<string>? Lookup(string key, IReadOnlyList<string> values)
    {
        if (!Indexed(key) || values.Count == 0 || values.Any(static v => v.Contains('*', StringComparison.Ordinal)))
        {
            return null;
        }

        if (!_byKey.TryGetValue(key, out var byValue))
        {
            return None;
        }

        if (values.Count == 1)
        {
            return byValue.TryGetValue(values[0], out var uris) ? uris : None;
        }

        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (byValue.TryGetValue(value, out var uris))
            {
                union.UnionWith(uris);
            }
        }

        return union;
    }
}
