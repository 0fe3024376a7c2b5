using System.Collections.Concurrent;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Core.Pipeline;

/// <summary>
/// The newest committed value of every series (what /metrics exposes): fed by the pipeline after
/// each committed batch and seeded from the archive at start, so a restart still shows values.
/// Series are only added; <see cref="Version"/> changes when one is, so a reader rebuilds its
/// layout then and otherwise only reads values. Per sample: a cache probe (else a lock-free lookup), two writes.
/// </summary>
public sealed class LatestValues : IBatchObserver
{
    private const int MaxRecent = 1 << 20;
    private readonly ConcurrentDictionary<SeriesKey, LatestValue> _values = new();
    private (SeriesKey? Key, LatestValue? Cell)[] _recent = new (SeriesKey?, LatestValue?)[1024];
    private int _version;

    /// <summary>Changes whenever a series is added (it counts them).</summary>
    public int Version => Volatile.Read(ref _version);

    public int Count => Version;

    public void Committed(ReadOnlySpan<Measurement> batch)
    {
        foreach (ref readonly var m in batch)
        {
            if (m.Kind == MeasurementKind.Sample)
            {
                Set(m.Sample.Series, m.Sample.TimeUnixNs, m.Sample.Value);
            }
        }
    }

    /// <summary>Records a committed point (one writer at a time: the pipeline's thread).</summary>
    public void Set(SeriesKey series, long timeNs, double value)
    {
        // A direct-mapped cache of series instances (collectors reuse theirs for every point): a hit
        // is one array read and a reference compare instead of the dictionary's hashed lookup.
        var recent = _recent;
        ref var slot = ref recent[series.GetHashCode() & (recent.Length - 1)];
        if (ReferenceEquals(slot.Key, series))
        {
            slot.Cell!.Update(timeNs, value);
            return;
        }

        var cell = Find(series, timeNs, value);
        // Version counts the series added (ConcurrentDictionary.Count takes every lock).
        if (Version > recent.Length / 2 && recent.Length < MaxRecent)
        {
            _recent = new (SeriesKey?, LatestValue?)[recent.Length * 4]; // grown empty: it refills as points come
        }
        else
        {
            slot = (series, cell);
        }
    }

    /// <summary>Adds the archive's newest points of series not seen yet (never replaces a committed one).</summary>
    public void Seed(IEnumerable<SeriesPoints> newest)
    {
        ArgumentNullException.ThrowIfNull(newest);
        foreach (var s in newest)
        {
            if (s.Points.Count > 0 && _values.TryAdd(s.Key, new LatestValue(s.Points[^1].TimeNs, s.Points[^1].Value)))
            {
                Interlocked.Increment(ref _version);
            }
        }
    }

    private LatestValue Find(SeriesKey series, long timeNs, double value)
    {
        if (_values.TryGetValue(series, out var held))
        {
            held.Update(timeNs, value);
            return held;
        }

        var cell = new LatestValue(timeNs, value);
        if (_values.TryAdd(series, cell))
        {
            Interlocked.Increment(ref _version);
            return cell;
        }

        held = _values[series]; // the seed added it meanwhile
        held.Update(timeNs, value);
        return held;
    }

    /// <summary>A snapshot of the series and their live cells (allocates: call when <see cref="Version"/> changed).</summary>
    public KeyValuePair<SeriesKey, LatestValue>[] Snapshot() => [.. _values];
}
