namespace Fathom.Core.Measurements;

public enum MeasurementKind : byte
{
    Sample,
    Event,
    Status,
}
