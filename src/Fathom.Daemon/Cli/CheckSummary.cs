using System.Globalization;
using Fathom.Archive;
using Fathom.Core.Configuration;
using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Cli;

/// <summary>What --check prints for a valid configuration.</summary>
internal static class CheckSummary
{
    public static void Write(TextWriter o, string configFile, LoadedConfig loaded, DaemonOptions options)
    {
        var s = loaded.Settings;
        o.WriteLine($"{configFile}: OK, {loaded.Collectors.Count} collector(s)");
        var width = Math.Max(2, loaded.Collectors.Max(c => c.Config.Id.Length));
        foreach (var c in loaded.Collectors.Select(p => p.Config))
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {c.Id.PadRight(width)}  module {c.Module,-8}  every {c.Interval.TotalSeconds,5:0.###} s  timeout {c.Timeout.TotalSeconds,5:0.###} s  schedule {c.Schedule.ToString().ToLowerInvariant(),-7}  isolation {c.Isolation.ToString().ToLowerInvariant()}  ({c.Location})"));
        }

        o.WriteLine($"archive:  {s.Archive.Type} {s.Archive.Path ?? ArchivePaths.Default()}");
        o.WriteLine($"retain:   raw {Keep(s.Archive.Retention.Raw)}, 1m {Keep(s.Archive.Retention.OneMinute)}, 1h {Keep(s.Archive.Retention.OneHour)}, 1d {Keep(s.Archive.Retention.OneDay)}");
        o.WriteLine(options.IgnorePid ? "pid file: none (--ignorepid)" : $"pid file: {PidPaths.Resolve(options.PidDir, options.PidFile, s.PidDir, s.PidFile)}");
        foreach (var w in s.Warnings)
        {
            o.WriteLine($"warning:  {w}");
        }
    }

    private static string Keep(TimeSpan? keep) =>
        keep is not { } k ? "forever"
        : k.Ticks % TimeSpan.TicksPerDay == 0 ? $"{k.Ticks / TimeSpan.TicksPerDay}d"
        : k.Ticks % TimeSpan.TicksPerHour == 0 ? $"{k.Ticks / TimeSpan.TicksPerHour}h"
        : k.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{k.Ticks / TimeSpan.TicksPerSecond}s"
        : k.ToString();
}
