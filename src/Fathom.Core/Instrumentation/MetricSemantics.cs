namespace Fathom.Core.Instrumentation;

/// <summary>How a value behaves over time; the numbers are PCP's PM_SEM_* codes.</summary>
public enum MetricSemantics
{
    /// <summary>Only grows (rates are computed by readers).</summary>
    Counter = 1,

    /// <summary>A value at this instant, continuous domain.</summary>
    Instant = 3,

    /// <summary>A value at this instant, discrete domain (changes rarely, e.g. a pid).</summary>
    Discrete = 4,
}
