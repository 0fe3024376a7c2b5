namespace Fathom.Archive.Rollups;

/// <summary>The summary resolutions the archive keeps, and bucket arithmetic on Unix nanoseconds.</summary>
public static class Resolutions
{
    public const long MinuteNs = 60_000_000_000;
    public const long HourNs = 60 * MinuteNs;
    public const long DayNs = 24 * HourNs;

    /// <summary>The start of the bucket of width <paramref name="stepNs"/> (aligned to the epoch) that holds <paramref name="timeNs"/>.</summary>
    public static long Floor(long timeNs, long stepNs)
    {
        var remainder = timeNs % stepNs;
        return remainder < 0 ? timeNs - remainder - stepNs : timeNs - remainder;
    }

    /// <summary>The value the resolution column stores: seconds.</summary>
    public static long Seconds(long resolutionNs) => resolutionNs / 1_000_000_000;
}
