namespace Fathom.Core.Measurements;

/// <summary>What a <see cref="Measurement"/> carries.</summary>
public enum MeasurementKind : byte
{
    /// <summary>A numeric <see cref="Measurements.Sample"/>.</summary>
    Sample,

    /// <summary>An <see cref="EventRecord"/>.</summary>
    Event,

    /// <summary>A <see cref="StatusRecord"/>.</summary>
    Status,
}
