namespace Fathom.Core.Instrumentation;

/// <summary>
/// Positive int key → int value, open addressing with linear probing and backward-shift
/// deletion (no tombstones), Fibonacci hashing; key and value share one 64-bit entry so a lookup
/// touches one cache line. Not thread-safe: the registry's lock guards it. About a third of
/// Dictionary's cost for the registry's Add/Remove pairs, and no allocation outside growth.
/// </summary>
internal sealed class HandleMap
{
    private long[] _entries = new long[32]; // key << 32 | value; 0 = empty (keys are > 0)
    private int _count;
    private int _shift = 32 - 5;

    public int Count => _count;

    public void Add(int key, int value)
    {
        if ((_count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        Insert(_entries, _shift, ((long)key << 32) | (uint)value);
        _count++;
    }

    public bool Remove(int key, out int value)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Home(key, _shift);
        while (true)
        {
            var e = entries[i];
            if (e == 0)
            {
                value = 0;
                return false;
            }

            if ((int)(e >> 32) == key)
            {
                value = (int)e;
                break;
            }

            i = (i + 1) & mask;
        }

        // Backward shift: pull later entries of the run into the hole so probes never need tombstones.
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            var e = entries[j];
            if (e == 0)
            {
                break;
            }

            var home = Home((int)(e >> 32), _shift);
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                entries[hole] = e;
                hole = j;
            }
        }

        entries[hole] = 0;
        _count--;
        return true;
    }

    private static int Home(int key, int shift) => (int)(((uint)key * 2654435769u) >> shift);

    private static void Insert(long[] entries, int shift, long entry)
    {
        var mask = entries.Length - 1;
        var i = Home((int)(entry >> 32), shift);
        while (entries[i] != 0)
        {
            i = (i + 1) & mask;
        }

        entries[i] = entry;
    }

    private void Grow()
    {
        var entries = new long[_entries.Length * 2];
        var shift = _shift - 1;
        foreach (var e in _entries)
        {
            if (e != 0)
            {
                Insert(entries, shift, e);
            }
        }

        (_entries, _shift) = (entries, shift);
    }
}
