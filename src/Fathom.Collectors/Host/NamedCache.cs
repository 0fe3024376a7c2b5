namespace Fathom.Collectors.Host;

/// <summary>An entry of a <see cref="NamedCache{T}"/>: what one interface, device or mount needs across runs.</summary>
internal abstract class CachedEntry(string name)
{
    public string Name { get; } = name;

    public int LastSeen { get; set; }
}

/// <summary>
/// Entries by name, looked up by a span so a run allocates nothing once every name is known.
/// Entries of names that disappeared (a removed interface) are dropped at the end of the run.
/// </summary>
internal sealed class NamedCache<T>(Func<string, T> create)
    where T : CachedEntry
{
    private readonly Dictionary<string, T> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _stale = [];
    private int _generation;
    private int _seen;

    public int Count => _entries.Count;

    public void BeginRun()
    {
        _generation++;
        _seen = 0;
    }

    public T Get(ReadOnlySpan<char> name)
    {
        var lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var entry))
        {
            entry = create(name.ToString());
            _entries[entry.Name] = entry;
        }

        return Touch(entry);
    }

    /// <summary>Replaces an entry whose identity changed (a mount point now on another device).</summary>
    public T Replace(T entry)
    {
        if (_entries.TryGetValue(entry.Name, out var old) && old.LastSeen == _generation)
        {
            _seen--;
        }

        _entries[entry.Name] = entry;
        return Touch(entry);
    }

    public void EndRun()
    {
        if (_seen >= _entries.Count)
        {
            return;
        }

        foreach (var (name, entry) in _entries)
        {
            if (entry.LastSeen != _generation)
            {
                _stale.Add(name);
            }
        }

        foreach (var name in _stale)
        {
            _entries.Remove(name);
        }

        _stale.Clear();
    }

    private T Touch(T entry)
    {
        if (entry.LastSeen != _generation)
        {
            entry.LastSeen = _generation;
            _seen++;
        }

        return entry;
    }
}
