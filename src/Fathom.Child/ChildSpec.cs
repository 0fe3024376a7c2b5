using System.Text.Json.Serialization;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Child;

/// <summary>
/// A collector's merged configuration as the parent hands it to a child on stdin, so the child
/// runs exactly what the parent validated (not whatever the file on disk says by then).
/// </summary>
public sealed record ChildSpec(
    string Id,
    string Module,
    string File,
    int Line,
    string BaseDirectory,
    double IntervalSeconds,
    double TimeoutSeconds,
    string Schedule,
    double JitterSeconds,
    string Fingerprint,
    int LogLevel,
    List<ChildSetting> Settings)
{
    public static ChildSpec From(CollectorConfig c, int logLevel) => new(
        c.Id, c.Module, c.Location.File, c.Location.Line, c.BaseDirectory, c.Interval.TotalSeconds, c.Timeout.TotalSeconds,
        c.Schedule.ToString(), c.Jitter.TotalSeconds, c.Fingerprint, logLevel,
        [.. c.Settings.Values.Select(s => new ChildSetting(s.Key, [.. s.Values], s.Location.File, s.Location.Line, ItemLines(s)))]);

    public CollectorConfig ToConfig()
    {
        var settings = Settings.ToDictionary(s => s.Key, s => new ConfigSetting(s.Key, s.Values, new ConfigLocation(s.File, s.Line), s.Node()), StringComparer.Ordinal);
        return new CollectorConfig(Id, Module, new ConfigLocation(File, Line), settings, BaseDirectory)
        {
            Interval = TimeSpan.FromSeconds(IntervalSeconds),
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            Schedule = Enum.Parse<ScheduleMode>(Schedule),
            Jitter = TimeSpan.FromSeconds(JitterSeconds),
            Isolation = IsolationMode.Process,
            Fingerprint = Fingerprint,
        };
    }

    /// <summary>The line of each value of a repeated key, so a collector's error about its third value names that line.</summary>
    private static List<int>? ItemLines(ConfigSetting s) =>
        s.Node is ConfigArray a && a.Items.Count == s.Values.Count && a.Items.All(i => i.Location.File == s.Location.File)
            ? [.. a.Items.Select(i => i.Location.Line)]
            : null;
}

public sealed record ChildSetting(string Key, List<string?> Values, string File, int Line, List<int>? Lines = null)
{
    /// <summary>A repeated key as the parse tree had it (one scalar per value, each at its line); null for one value.</summary>
    public ConfigNode? Node()
    {
        if (Lines is not { Count: > 1 } lines || lines.Count != Values.Count)
        {
            return null;
        }

        var array = new ConfigArray(new ConfigLocation(File, Line));
        for (var i = 0; i < lines.Count; i++)
        {
            array.Items.Add(new ConfigScalar(new ConfigLocation(File, lines[i]), Values[i]));
        }

        return array;
    }
}

[JsonSerializable(typeof(ChildSpec))]
public sealed partial class ChildSpecJson : JsonSerializerContext;
