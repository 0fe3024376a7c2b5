using Fathom.Lookup.Records;
using Fathom.Lookup.Server.Protocol;

namespace Fathom.Lookup.Server.Store;

/// <summary>
/// Which records hold a value under a key (case-insensitive, whole values), so a query with an
/// exact term reads its candidates instead of scanning every record, and a wildcard term globs
/// the key's distinct values instead of every record. Keys a renew changes (expires, state, ttl)
/// are not indexed; a term on them or a bare key scans.
/// Candidates are a superset: the query still checks each one.
/// </summary>
internal sealed class RecordIndex
{
    private static readonly HashSet<string> None = [];
    // key → value (case-insensitive) → the uri holding it, or a HashSet of the uris when several do.
    private readonly Dictionary<string, Dictionary<string, object>> _byKey = new(StringComparer.Ordinal);

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
                _byKey[key] = byValue = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            }

            foreach (var value in values)
            {
                // Most values (names, locators, uuids) belong to one record: the uri itself, not a set of one.
                if (!byValue.TryGetValue(value, out var held))
                {
                    byValue[value] = stored.Uri;
                }
                else if (held is string single)
                {
                    if (!string.Equals(single, stored.Uri, StringComparison.Ordinal))
                    {
                        byValue[value] = new HashSet<string>(StringComparer.Ordinal) { single, stored.Uri };
                    }
                }
                else
                {
                    ((HashSet<string>)held).Add(stored.Uri);
                }
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
                if (!byValue.TryGetValue(value, out var held))
                {
                    continue;
                }

                if (held is string single)
                {
                    if (string.Equals(single, stored.Uri, StringComparison.Ordinal))
                    {
                        byValue.Remove(value);
                    }
                }
                else
                {
                    var uris = (HashSet<string>)held;
                    if (uris.Remove(stored.Uri) && uris.Count == 1)
                    {
                        byValue[value] = uris.First();
                    }
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
        if (!Indexed(key) || values.Count == 0)
        {
            return null;
        }

        if (!_byKey.TryGetValue(key, out var byValue))
        {
            return None;
        }

        var wildcard = values.Any(static v => v.Contains('*', StringComparison.Ordinal));
        if (values.Count == 1 && !wildcard)
        {
            return byValue.TryGetValue(values[0], out var held) ? AsSet(held) : None;
        }

        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!value.Contains('*', StringComparison.Ordinal))
            {
                if (byValue.TryGetValue(value, out var held))
                {
                    AddTo(union, held);
                }

                continue;
            }

            // A wildcard is matched against the key's distinct values, not every record: a type or a
            // domain has a handful, and even a name unique per record skips the per-record lookups.
            foreach (var (stored, held) in byValue)
            {
                if (QueryTerm.Glob(value, stored))
                {
                    AddTo(union, held);
                }
            }
        }

        return union;
    }

    private static IReadOnlySet<string> AsSet(object held) =>
        held as HashSet<string> ?? new HashSet<string>(StringComparer.Ordinal) { (string)held };

    private static void AddTo(HashSet<string> union, object held)
    {
        if (held is string single)
        {
            union.Add(single);
        }
        else
        {
            union.UnionWith((HashSet<string>)held);
        }
    }
}
