namespace Fathom.Core.Instrumentation;

/// <summary>A metric's value type; the numbers are PCP's PM_TYPE_* (and MMV's) codes.</summary>
public enum MetricType
{
    I32 = 0,
    U32 = 1,
    I64 = 2,
    U64 = 3,
    Float = 4,
    Double = 5,
    String = 6,
}
