namespace Fathom.Core.Measurements;

/// <summary>Where a collector's measurements go (the pipeline, or a child's stream to its parent).</summary>
public interface IMeasurementSink
{
    /// <summary>Takes one measurement; must not block for long (it is called on a collector's run).</summary>
    void Write(in Measurement measurement);
}
