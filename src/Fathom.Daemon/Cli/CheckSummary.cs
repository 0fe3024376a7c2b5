using System.Globalization;
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

        var targets = DaemonArchives.Targets(s);
        foreach (var t in targets)
        {
            foreach (var (label, text) in t.Backend.Summary)
            {
                o.WriteLine($"{label + ":",-9} {text}");
            }

            if (targets.Count > 1 || t.Delivery.Spool)
            {
                o.WriteLine($"{"delivery:",-9} {DeliveryText.Describe(t)}");
            }
        }

        o.WriteLine(options.IgnorePid ? "pid file: none (--ignorepid)" : $"pid file: {PidPaths.Resolve(options.PidDir, options.PidFile, s.PidDir, s.PidFile)}");
        foreach (var w in s.Warnings)
        {
            o.WriteLine($"warning:  {w}");
        }
    }
}
