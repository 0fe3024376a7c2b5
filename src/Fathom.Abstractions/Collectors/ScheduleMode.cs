namespace Fathom.Core.Collectors;

/// <summary>How a collector's runs are placed in time.</summary>
public enum ScheduleMode
{
    /// <summary>Sleep the interval after each run finishes (perfSONAR's behaviour).</summary>
    Sleep,

    /// <summary>Run on wall-clock multiples of the interval plus a fixed offset.</summary>
    Aligned,
}
