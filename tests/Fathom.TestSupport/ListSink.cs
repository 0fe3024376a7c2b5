using Fathom.Core.Measurements;

namespace Fathom.TestSupport;

/// <summary>A thread-safe sink that keeps everything written to it.</summary>
public sealed class ListSink : IMeasurementSink
{
    private readonly List<Measurement> _items = [];

    public void Write(in Measurement measurement)
    {
        lock (_items)
        {
            _items.Add(measurement);
        }
    }

    public IReadOnlyList<Measurement> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public IReadOnlyList<Sample> Samples() =>
        [.. Snapshot().Where(m => m.Kind == MeasurementKind.Sample).Select(m => m.Sample)];

    public IReadOnlyList<Sample> Samples(string name) => [.. Samples().Where(s => s.Series.Name == name)];

    public IReadOnlyList<EventRecord> Events() =>
        [.. Snapshot().Where(m => m.Kind == MeasurementKind.Event).Select(m => m.Event)];

    public IReadOnlyList<StatusRecord> Statuses() =>
        [.. Snapshot().Where(m => m.Kind == MeasurementKind.Status).Select(m => m.Status)];
}
