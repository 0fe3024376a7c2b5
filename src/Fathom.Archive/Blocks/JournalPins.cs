namespace Fathom.Archive.Blocks;

/// <summary>
/// Which journal chunks still hold points of open blocks. Chunks are numbered in write order; the
/// oldest ones no open block pins are deleted, so the journal stays bounded by the open points.
/// </summary>
public sealed class JournalPins
{
    private readonly Dictionary<long, (int Pins, int Points)> _chunks = [];

    /// <summary>The id the chunk of the batch being written gets.</summary>
    public long Current { get; private set; } = 1;

    /// <summary>The oldest chunk still stored.</summary>
    public long Oldest { get; private set; } = 1;

    /// <summary>Points in stored chunks, whether their blocks closed since or not.</summary>
    public long LivePoints { get; private set; }

    public void Reset(long next)
    {
        _chunks.Clear();
        Current = next;
        Oldest = next;
        LivePoints = 0;
    }

    public void Stored(long chunk, int points)
    {
        var entry = _chunks.GetValueOrDefault(chunk);
        _chunks[chunk] = (entry.Pins, entry.Points + points);
        LivePoints += points;
        Current = Math.Max(Current, chunk + 1);
    }

    public void Pin(long chunk)
    {
        var entry = _chunks.GetValueOrDefault(chunk);
        _chunks[chunk] = (entry.Pins + 1, entry.Points);
    }

    public void Unpin(long chunk)
    {
        var entry = _chunks[chunk];
        _chunks[chunk] = (entry.Pins - 1, entry.Points);
    }

    /// <summary>Advances <see cref="Oldest"/> past unpinned chunks; returns true when some can be deleted.</summary>
    public bool ReleaseUnpinned()
    {
        var before = Oldest;
        while (Oldest < Current)
        {
            // An id with no entry was never stored (its batch had no open-block points).
            if (_chunks.TryGetValue(Oldest, out var entry))
            {
                if (entry.Pins > 0)
                {
                    break;
                }

                LivePoints -= entry.Points;
                _chunks.Remove(Oldest);
            }

            Oldest++;
        }

        return Oldest != before;
    }

    /// <summary>The chunk up to which the oldest half of the live points lie.</summary>
    public long HalfPoint()
    {
        long sum = 0;
        for (var chunk = Oldest; chunk < Current; chunk++)
        {
            sum += _chunks.GetValueOrDefault(chunk).Points;
            if (sum * 2 >= LivePoints)
            {
                return chunk;
            }
        }

        return Current - 1;
    }
}
