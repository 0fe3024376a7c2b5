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

    /// <summary>Which of sample, event or status this is.</summary>
    public MeasurementKind Kind { get; }

    /// <summary>The sample; default unless <see cref="Kind"/> is <see cref="MeasurementKind.Sample"/>.</summary>
    public Sample Sample { get; }

    /// <summary>The <see cref="EventRecord"/> or <see cref="StatusRecord"/>; null for samples.</summary>
    public object? Record { get; }

    /// <summary>The event; only when <see cref="Kind"/> is <see cref="MeasurementKind.Event"/>.</summary>
    public EventRecord Event => (EventRecord)Record!;

    /// <summary>The status record; only when <see cref="Kind"/> is <see cref="MeasurementKind.Status"/>.</summary>
    public StatusRecord Status => (StatusRecord)Record!;

    /// <summary>A sample measurement.</summary>
    public static Measurement Of(in Sample sample) => new(MeasurementKind.Sample, sample, null);

    /// <summary>An event measurement.</summary>
    public static Measurement Of(EventRecord record) => new(MeasurementKind.Event, default, record);

    /// <summary>A status measurement.</summary>
    public static Measurement Of(StatusRecord record) => new(MeasurementKind.Status, default, record);
}
