using System.Collections.Concurrent;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Core.Pipeline;

/// <summary>
/// The newest committed value of every series (what /metrics exposes): fed by the pipeline after
/// each committed batch and seeded from the archive at start, so a restart still shows values.
/// Series are only added; <see cref="Version"/> changes when one is, so a reader rebuilds its
/// layout then and otherwise only reads values. Per sample: one lock-free lookup, two writes.
/// </summary>
public sealed class LatestValues : IBatchObserver
{
    private readonly ConcurrentDictionary<SeriesKey, LatestValue> _values = new();
    private int _version;

    /// <summary>Changes whenever a series is added.</summary>
    public int Version => Volatile.Read(ref _version);

    public int Count => _values.Count;

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
        if (_values.TryGetValue(series, out var held))
        {
            held.Update(timeNs, value);
        }
        else if (_values.TryAdd(series, new LatestValue(timeNs, value)))
        {
            Interlocked.Increment(ref _version);
        }
        else
        {
            _values[series].Update(timeNs, value); // the seed added it meanwhile
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

    /// <summary>A snapshot of the series and their live cells (allocates: call when <see cref="Version"/> changed).</summary>
    public KeyValuePair<SeriesKey, LatestValue>[] Snapshot() => [.. _values];
}
