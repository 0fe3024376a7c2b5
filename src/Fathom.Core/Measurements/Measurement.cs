namespace Fathom.Core.Measurements;

/// <summary>
/// What flows through the pipeline: a sample (no allocation beyond its shared series key), or
/// an event or status record carried by reference.
/// </summary>
public readonly struct Measurement
{
    private Measurement(MeasurementKind kind, Sample sample, object? record)
    {
        Kind = kind;
        Sample = sample;
        Record = record;
    }

    public MeasurementKind Kind { get; }

    public Sample Sample { get; }

    /// <summary>The <see cref="EventRecord"/> or <see cref="StatusRecord"/>; null for samples.</summary>
    public object? Record { get; }

    public EventRecord Event => (EventRecord)Record!;

    public StatusRecord Status => (StatusRecord)Record!;

    public static Measurement Of(in Sample sample) => new(MeasurementKind.Sample, sample, null);

    public static Measurement Of(EventRecord record) => new(MeasurementKind.Event, default, record);

    public static Measurement Of(StatusRecord record) => new(MeasurementKind.Status, default, record);
}
