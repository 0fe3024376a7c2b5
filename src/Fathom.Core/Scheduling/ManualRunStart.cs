namespace Fathom.Core.Scheduling;

/// <summary>What <see cref="CollectorRunner.RunNow"/> did with a request to run out of schedule.</summary>
public enum ManualRunStart
{
    /// <summary>A run started now (counted as a manual run).</summary>
    Started,

    /// <summary>A run (or the warm-up) is in progress: runs never overlap, so none was started.</summary>
    Busy,

    /// <summary>The runner is stopped or not started yet.</summary>
    Stopped,
}
