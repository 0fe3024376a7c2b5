namespace Fathom.Core.Scheduling;

/// <summary>Something that records how late a run started.</summary>
public interface ILatencyRecorder
{
    void Record(TimeSpan value);
}
