namespace Fathom.Examples.FileMetrics;

/// <summary>How the values of the watched file are laid out.</summary>
public enum FileFormat
{
    /// <summary>One "NAME VALUE [kB]" per line (a colon after NAME is allowed): /proc/meminfo, /proc/vmstat, cgroup's memory.stat.</summary>
    Keyed,

    /// <summary>Whitespace-separated values on the first line, picked by 1-based position: /proc/loadavg, a sysfs value.</summary>
    Fields,
}
