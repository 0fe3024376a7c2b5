namespace Fathom.Pcp.Mmv;

/// <summary>MMV header flags (mmv_stats_flags_t).</summary>
[Flags]
public enum MmvFlags
{
    None = 0,

    /// <summary>Metric names are not prefixed with the file's name by the PMDA.</summary>
    NoPrefix = 0x1,

    /// <summary>Values are exported only while the header's process id is alive.</summary>
    Process = 0x2,

    /// <summary>Sentinel values mean "no value available".</summary>
    Sentinel = 0x4,
}
