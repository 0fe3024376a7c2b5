using Fathom.Core.Configuration;

namespace Fathom.Archive.Retention;

/// <summary>The oldest time each resolution keeps at one moment; <see cref="long.MinValue"/> keeps everything.</summary>
public readonly record struct RetentionCutoffs(long Raw, long Minute, long Hour, long Day)
{
    public static RetentionCutoffs At(RetentionSettings settings, long nowNs) =>
        new(Cutoff(settings.Raw, nowNs), Cutoff(settings.OneMinute, nowNs), Cutoff(settings.OneHour, nowNs), Cutoff(settings.OneDay, nowNs));

    private static long Cutoff(TimeSpan? keep, long nowNs)
    {
        if (keep is not { } k)
        {
            return long.MinValue;
        }

        var cutoff = (Int128)nowNs - ((Int128)k.Ticks * 100);
        return cutoff <= long.MinValue ? long.MinValue : (long)cutoff;
    }
}
