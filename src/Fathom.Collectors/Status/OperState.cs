namespace Fathom.Collectors.Status;

/// <summary>perfSONAR's operational states, from best to worst (the fold keeps the worst).</summary>
internal enum OperState
{
    Up,
    Degraded,
    Down,
    Unknown,
}
