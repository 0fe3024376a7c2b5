namespace Fathom.Pcp.Mmv;

/// <summary>Value types an MMV file can hold (mmv_metric_type_t): PCP's PM_TYPE_* codes plus MMV's elapsed time.</summary>
public enum MmvMetricType
{
    I32 = 0,
    U32 = 1,
    I64 = 2,
    U64 = 3,
    Float = 4,
    Double = 5,
    String = 6,

    /// <summary>64-bit microseconds; a negative "extra" means an interval still running since that (negated) start.</summary>
    Elapsed = 9,
}
