using Fathom.Core.Configuration;

namespace Fathom.Archive.Retention;

/// <summary>The oldest time each resolution keeps at one moment; <see cref="long.MinValue"/> keeps everything.</summary>
internal readonly record struct RetentionCutoffs(long Raw, long Minute, long Hour, long Day)
{
    public static RetentionCutoffs At(RetentionSettings settings, long nowNs) =>
        new(Cutoff(settings.Raw, nowNs), Cutoff(settings.OneMinute, nowNs), Cutoff(settings.OneHour, nowNs), Cutoff(settings.OneDay, nowNs));

    private static long Cutoff(TimeSpan? keep, long nowNs) =>
        keep is { } k && k.Ticks < (nowNs - long.MinValue) / 100 ? nowNs - (k.Ticks * 100) : long.MinValue;
}
