namespace Fathom.Core.Measurements;

/// <summary>Where a collector's measurements go (the pipeline, or a child's stream to its parent).</summary>
public interface IMeasurementSink
{
    void Write(in Measurement measurement);
}
