namespace Fathom.Core.Scheduling;

/// <summary>What a supervised collector is doing now.</summary>
public enum CollectorState
{
    /// <summary>A process-isolated collector whose first child is not up yet.</summary>
    Starting,

    /// <summary>A run is in progress.</summary>
    Running,

    /// <summary>Waiting for its next run.</summary>
    Idle,

    /// <summary>A process-isolated collector whose child died: waiting out the backoff before the next child.</summary>
    Restarting,

    /// <summary>Stopped (by a stop or a reload) and not coming back.</summary>
    Stopped,
}
