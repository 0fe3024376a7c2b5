using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fathom.Lookup.Records;
using Fathom.Lookup.Server.Protocol;

namespace Fathom.Lookup.Server.Store;

/// <summary>
/// The records: an in-memory copy that answers every read (a query scans it, so 10,000 records
/// stay fast) and the SQLite file that every change is written to before it is answered. Reads
/// share a reader-writer lock, a change holds it alone; an expired record is never returned, pruned or not.
/// </summary>
internal sealed class RecordStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SqliteRecordFile _file;
    private readonly Dictionary<string, StoredRecord> _byUri = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uriByContent = new(StringComparer.Ordinal);
    private readonly RecordIndex _index = new();
    private long _sequence;

    private RecordStore(SqliteRecordFile file) => _file = file;

    public int Count
    {
        get
        {
            using (ReadLock())
            {
                return _byUri.Count;
            }
        }
    }

    public static RecordStore Open(string path, DateTimeOffset now)
    {
        var file = SqliteRecordFile.Open(path);
        try
        {
            var store = new RecordStore(file);
            var nowMs = now.ToUnixTimeMilliseconds();
            file.Prune(nowMs);
            foreach (var (uri, record, expiresMs, sequence) in file.Load(nowMs))
            {
                var stored = new StoredRecord(uri, record, DateTimeOffset.FromUnixTimeMilliseconds(expiresMs), sequence, ContentKey(record));
                store._byUri[uri] = stored;
                store._uriByContent[stored.ContentKey] = uri;
                store._index.Add(stored);
                store._sequence = Math.Max(store._sequence, sequence);
            }

            return store;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Stores <paramref name="content"/> as a new record of <paramref name="type"/>; null when a live record has the same content (the uri of that one in <paramref name="duplicateOf"/>).</summary>
    public StoredRecord? Register(LookupRecord content, string type, TimeSpan lease, DateTimeOffset now, out string? duplicateOf)
    {
        var key = ContentKey(content);
        using (WriteLock())
        {
            if (_uriByContent.TryGetValue(key, out var existing) && _byUri.TryGetValue(existing, out var other) && other.IsLive(now) && other.Record.SameContent(content))
            {
                duplicateOf = existing;
                return null;
            }

            duplicateOf = null;
            var uri = $"lookup/{type}/{Guid.NewGuid():D}";
            var expires = now + lease;
            var record = content.Clone()
                .Set(LookupKeys.Uri, uri)
                .Set(LookupKeys.Expires, FormatExpires(expires))
                .Set(LookupKeys.State, LookupKeys.Registered);
            var stored = new StoredRecord(uri, record, expires, ++_sequence, key);
            _file.Save(stored);
            _byUri[uri] = stored;
            _uriByContent[key] = uri;
            _index.Add(stored);
            return stored;
        }
    }

    /// <summary>The live record at <paramref name="uri"/>, or null.</summary>
    public StoredRecord? Find(string uri, DateTimeOffset now)
    {
        using (ReadLock())
        {
            return _byUri.TryGetValue(uri, out var stored) && stored.IsLive(now) ? stored : null;
        }
    }

    /// <summary>Gives the live record at <paramref name="uri"/> a new lease, its ttl set to <paramref name="ttl"/> (none: empty); null when there is no such live record.</summary>
    public StoredRecord? Renew(string uri, string? ttl, TimeSpan lease, DateTimeOffset now)
    {
        using (WriteLock())
        {
            return RenewLocked(uri, ttl, lease, now);
        }
    }

    /// <summary>Renews each uri in one transaction; a null entry in the result is a uri with no live record.</summary>
    public IReadOnlyList<StoredRecord?> RenewAll(IReadOnlyList<string> uris, string? ttl, TimeSpan lease, DateTimeOffset now)
    {
        var renewed = new StoredRecord?[uris.Count];
        using (WriteLock())
        {
            _file.InTransaction(() =>
            {
                for (var i = 0; i < uris.Count; i++)
                {
                    renewed[i] = RenewLocked(uris[i], ttl, lease, now);
                }
            });
        }

        return renewed;
    }

    /// <summary>Removes the live record at <paramref name="uri"/> and returns it as it was, state deleted; null when there is none.</summary>
    public StoredRecord? Delete(string uri, DateTimeOffset now)
    {
        using (WriteLock())
        {
            if (!_byUri.TryGetValue(uri, out var stored) || !stored.IsLive(now))
            {
                return null;
            }

            _file.Delete(uri);
            Forget(stored);
            return stored with { Record = stored.Record.Clone().Set(LookupKeys.State, LookupKeys.Deleted) };
        }
    }

    /// <summary>Live records matching <paramref name="query"/>, in registration order, paged as it asks.</summary>
    public IReadOnlyList<StoredRecord> Query(LookupQuery query, DateTimeOffset now)
    {
        var found = new List<StoredRecord>();
        using (ReadLock())
        {
            if (Candidates(query) is { } uris)
            {
                foreach (var uri in uris)
                {
                    if (_byUri.TryGetValue(uri, out var stored) && stored.IsLive(now) && query.Matches(stored.Record))
                    {
                        found.Add(stored);
                    }
                }
            }
            else
            {
                foreach (var stored in _byUri.Values)
                {
                    if (stored.IsLive(now) && query.Matches(stored.Record))
                    {
                        found.Add(stored);
                    }
                }
            }
        }

        found.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return [.. found.Skip(query.Skip).Take(query.MaxResults)];
    }

    /// <summary>Removes expired records from memory and the file; the number removed.</summary>
    public int Prune(DateTimeOffset now)
    {
        using (WriteLock())
        {
            var expired = _byUri.Values.Where(s => !s.IsLive(now)).ToList();
            foreach (var stored in expired)
            {
                Forget(stored);
            }

            var removed = _file.Prune(now.ToUnixTimeMilliseconds());
            return Math.Max(removed, expired.Count);
        }
    }

    public void Dispose()
    {
        using (WriteLock())
        {
            _file.Dispose();
        }

        _lock.Dispose();
    }

    // Reads (get, query) share the lock, so queries use every core; a change waits for them and excludes all.
    private LockScope ReadLock()
    {
        _lock.EnterReadLock();
        return new LockScope(_lock, write: false);
    }

    private LockScope WriteLock()
    {
        _lock.EnterWriteLock();
        return new LockScope(_lock, write: true);
    }

    /// <summary>Joda's DateTime.toString() in UTC, as the reference server writes <c>expires</c>: 2026-12-02T14:39:47.106Z.</summary>
    public static string FormatExpires(DateTimeOffset expires) =>
        expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // The SHA-256 of the record's content without the server's keys, as canonical JSON: equal
    // content, equal key. A hash, not the JSON itself: the JSON kept per record cost ~0.8 KB of
    // memory each; a match is confirmed against the record's content before it refuses a register.
    private static string ContentKey(LookupRecord record)
    {
        var content = record.Clone();
        content.Remove(LookupKeys.Uri);
        content.Remove(LookupKeys.Expires);
        content.Remove(LookupKeys.Ttl);
        content.Remove(LookupKeys.State);
        return Convert.ToHexString(SHA256.HashData(LookupRecordJson.ToUtf8(content, serverScalars: false)));
    }

    private StoredRecord? RenewLocked(string uri, string? ttl, TimeSpan lease, DateTimeOffset now)
    {
        if (!_byUri.TryGetValue(uri, out var stored) || !stored.IsLive(now))
        {
            return null;
        }

        var expires = now + lease;
        var record = stored.Record.Clone()
            .Set(LookupKeys.Expires, FormatExpires(expires))
            .Set(LookupKeys.State, LookupKeys.Renewed)
            .Set(LookupKeys.Ttl, ttl is null ? [] : [ttl]);
        var renewed = stored with { Record = record, Expires = expires };
        _file.Save(renewed);
        _byUri[uri] = renewed;
        return renewed;
    }

    // The records a query can match, from the index; null when it must scan them all.
    private IEnumerable<string>? Candidates(LookupQuery query)
    {
        if (query.Terms.Count == 0)
        {
            return null;
        }

        if (query.All)
        {
            // Every term must match: the smallest indexed term's records are enough.
            IReadOnlySet<string>? smallest = null;
            foreach (var term in query.Terms)
            {
                if (_index.Lookup(term.Key, term.Values) is { } uris && (smallest is null || uris.Count < smallest.Count))
                {
                    smallest = uris;
                }
            }

            return smallest;
        }

        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in query.Terms)
        {
            if (_index.Lookup(term.Key, term.Values) is not { } uris)
            {
                return null;
            }

            union.UnionWith(uris);
        }

        return union;
    }

    private void Forget(StoredRecord stored)
    {
        _byUri.Remove(stored.Uri);
        _index.Remove(stored);
        if (_uriByContent.TryGetValue(stored.ContentKey, out var uri) && uri == stored.Uri)
        {
            _uriByContent.Remove(stored.ContentKey);
        }
    }
}
