namespace Fathom.Archive.Blocks;

/// <summary>
/// One series' points newer than its last closed block, kept in time order in arrays reused
/// across blocks. An equal time replaces the value: the last write wins.
/// </summary>
public sealed class OpenBlock
{
    private long[] _times;
    private double[] _values;

    public OpenBlock(int capacity)
    {
        _times = new long[capacity];
        _values = new double[capacity];
    }

    public int Count { get; private set; }

    /// <summary>End time of the series' newest closed block; points at or before it go to closed blocks.</summary>
    public long ClosedEnd { get; set; } = long.MinValue;

    /// <summary>The journal chunk that holds this block's first journaled point (writer only).</summary>
    public long PinnedChunk { get; set; }

    public ReadOnlySpan<long> Times => _times.AsSpan(0, Count);

    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public void Put(long timeNs, double value)
    {
        if (Count == 0 || timeNs > _times[Count - 1])
        {
            if (Count == _times.Length)
            {
                Grow();
            }

            _times[Count] = timeNs;
            _values[Count++] = value;
            return;
        }

        // Out of order within the open block (rare): replace an equal time or insert in place.
        var at = Array.BinarySearch(_times, 0, Count, timeNs);
        if (at >= 0)
        {
            _values[at] = value;
            return;
        }

        at = ~at;
        if (Count == _times.Length)
        {
            Grow();
        }

        Array.Copy(_times, at, _times, at + 1, Count - at);
        Array.Copy(_values, at, _values, at + 1, Count - at);
        _times[at] = timeNs;
        _values[at] = value;
        Count++;
    }

    /// <summary>Marks the points as written to a closed block ending at the last one.</summary>
    public void Closed()
    {
        ClosedEnd = _times[Count - 1];
        Count = 0;
    }

    private void Grow()
    {
        Array.Resize(ref _times, _times.Length * 2);
        Array.Resize(ref _values, _values.Length * 2);
    }
}
