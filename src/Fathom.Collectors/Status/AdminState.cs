namespace Fathom.Collectors.Status;

/// <summary>perfSONAR's administrative states, from best to worst (the fold keeps the worst).</summary>
internal enum AdminState
{
    NormalOperation,
    Maintenance,
    Troubleshooting,
    UnderRepair,
    Unknown,
}
