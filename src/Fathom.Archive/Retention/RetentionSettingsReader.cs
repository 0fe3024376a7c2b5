using Fathom.Core.Configuration;

namespace Fathom.Archive.Retention;

/// <summary>
/// The retention keys of an &lt;archive&gt; block (<see cref="RetentionSettings.Keys"/>), for any
/// backend that keeps summaries: each a duration or "forever", coarser kept at least as long as finer.
/// </summary>
public static class RetentionSettingsReader
{
    /// <summary>Reads the retention keys among <paramref name="options"/> (the block's scalar values by key); mistakes go to <paramref name="errors"/> at their line.</summary>
    public static RetentionSettings Read(ConfigObject block, IReadOnlyDictionary<string, string> options, ICollection<ConfigException> errors)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var values = new TimeSpan?[RetentionSettings.Keys.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var key = RetentionSettings.Keys[i];
            if (!options.TryGetValue(key, out var text))
            {
                continue;
            }

            if (RetentionSettings.TryParse(text, out var value))
            {
                values[i] = value;
            }
            else
            {
                errors.Add(new ConfigException(At(block, key), $"archive '{key}' must be a duration like 30d, 26w or 5y, or 'forever' (got '{text}')"));
            }
        }

        // A coarser summary is kept at least as long as a finer one: it is what remains after the finer one goes.
        for (var i = 1; i < values.Length; i++)
        {
            for (var finer = 0; finer < i; finer++)
            {
                if (values[i] is { } coarse && (values[finer] is null || values[finer] > coarse))
                {
                    var key = RetentionSettings.Keys[i];
                    errors.Add(new ConfigException(At(block, key),
                        $"archive '{key}' ({options[key]}) is shorter than '{RetentionSettings.Keys[finer]}' ({options.GetValueOrDefault(RetentionSettings.Keys[finer], "forever, the default")}): coarser summaries must be kept at least as long"));
                    break;
                }
            }
        }

        return new RetentionSettings(values[0], values[1], values[2], values[3]);
    }

    /// <summary>How --check shows a retention, e.g. "raw 30d, 1m 182d, 1h forever, 1d forever".</summary>
    public static string Describe(RetentionSettings retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return $"raw {Keep(retention.Raw)}, 1m {Keep(retention.OneMinute)}, 1h {Keep(retention.OneHour)}, 1d {Keep(retention.OneDay)}";
    }

    private static ConfigLocation At(ConfigObject block, string key) => block.TryGet(key, out var n) ? n.Location : block.Location;

    private static string Keep(TimeSpan? keep) =>
        keep is not { } k ? "forever"
        : k.Ticks % TimeSpan.TicksPerDay == 0 ? $"{k.Ticks / TimeSpan.TicksPerDay}d"
        : k.Ticks % TimeSpan.TicksPerHour == 0 ? $"{k.Ticks / TimeSpan.TicksPerHour}h"
        : k.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{k.Ticks / TimeSpan.TicksPerSecond}s"
        : k.ToString();
}
