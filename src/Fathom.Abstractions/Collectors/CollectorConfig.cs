using Fathom.Core.Configuration;

namespace Fathom.Core.Collectors;

/// <summary>
/// One &lt;collector ID&gt; block after the global keys were merged into it, with the common
/// scheduling keys already read. Module-specific keys are read through the Get* methods, which
/// throw <see cref="ConfigException"/> naming file:line.
/// </summary>
public sealed class CollectorConfig
{
    /// <summary>Creates the block's configuration; the daemon's loader does this, tests may too.</summary>
    public CollectorConfig(
        string id,
        string module,
        ConfigLocation location,
        IReadOnlyDictionary<string, ConfigSetting> settings,
        string baseDirectory)
    {
        Id = id;
        Module = module;
        Location = location;
        Settings = settings;
        BaseDirectory = baseDirectory;
    }

    /// <summary>The block's ID: &lt;collector ID&gt;.</summary>
    public string Id { get; }

    /// <summary>The module the block names (its <c>module</c> key).</summary>
    public string Module { get; }

    /// <summary>The block's opening line.</summary>
    public ConfigLocation Location { get; }

    /// <summary>Every key of the merged block (common keys included), by name.</summary>
    public IReadOnlyDictionary<string, ConfigSetting> Settings { get; }

    /// <summary>The folder of the file the block is in; relative paths resolve against it.</summary>
    public string BaseDirectory { get; }

    /// <summary>Default 15 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Default: the interval.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How runs are placed in time; default <see cref="ScheduleMode.Sleep"/>.</summary>
    public ScheduleMode Schedule { get; init; } = ScheduleMode.Sleep;

    /// <summary>Upper bound of the fixed random offset of aligned runs; default zero.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Where the collector runs; default <see cref="IsolationMode.Thread"/>.</summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Thread;

    /// <summary>A canonical text of every setting, used to tell whether a reload changed the block.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Whether the block sets <paramref name="key"/>.</summary>
    public bool Has(string key) => Settings.ContainsKey(key);

    /// <summary>The setting of <paramref name="key"/>, or null when the block does not set it.</summary>
    public ConfigSetting? Find(string key) => Settings.GetValueOrDefault(key);

    /// <summary>The single value of <paramref name="key"/>, or <paramref name="defaultValue"/> when absent.</summary>
    public string GetString(string key, string defaultValue) =>
        Find(key) is { } s ? s.Single() : defaultValue;

    /// <summary>The single value of <paramref name="key"/>, or null when absent.</summary>
    public string? GetOptionalString(string key) => Find(key)?.Single();

    /// <summary>The single value of <paramref name="key"/>; an error naming the block when absent.</summary>
    public string GetRequiredString(string key) =>
        Find(key) is { } s ? s.Single() : throw Missing(key);

    /// <summary>All values of a repeated key, in file order; empty when absent.</summary>
    public IReadOnlyList<string> GetStrings(string key)
    {
        if (Find(key) is not { } s)
        {
            return [];
        }

        var list = new List<string>(s.Values.Count);
        foreach (var v in s.Values)
        {
            list.Add(v is { Length: > 0 } ? v : throw s.Error("needs a value"));
        }

        return list;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>, or <paramref name="defaultValue"/> when absent.</summary>
    public long GetInt(string key, long defaultValue, long min = long.MinValue, long max = long.MaxValue)
    {
        if (Find(key) is not { } s)
        {
            return defaultValue;
        }

        if (!ValueParsers.TryParseInt(s.Single(), out var v))
        {
            throw s.Error($"must be a whole number, not '{s.Single()}'");
        }

        return v < min || v > max ? throw s.Error($"must be between {min} and {max}, not {v}") : v;
    }

    /// <summary>A finite number between <paramref name="min"/> and <paramref name="max"/>, or <paramref name="defaultValue"/> when absent.</summary>
    public double GetDouble(string key, double defaultValue, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Find(key) is not { } s)
        {
            return defaultValue;
        }

        if (!ValueParsers.TryParseDouble(s.Single(), out var v))
        {
            throw s.Error($"must be a number, not '{s.Single()}'");
        }

        return v < min || v > max ? throw s.Error($"must be between {min} and {max}, not {v}") : v;
    }

    /// <summary>yes/no, true/false, on/off or 1/0, or <paramref name="defaultValue"/> when absent.</summary>
    public bool GetBool(string key, bool defaultValue)
    {
        if (Find(key) is not { } s)
        {
            return defaultValue;
        }

        return ValueParsers.TryParseBool(s.Single(), out var v)
            ? v
            : throw s.Error($"must be yes or no, not '{s.Single()}'");
    }

    /// <summary>A duration (seconds, or a number with ms, s, m, h, d, w), or <paramref name="defaultValue"/> when absent.</summary>
    public TimeSpan GetDuration(string key, TimeSpan defaultValue)
    {
        if (Find(key) is not { } s)
        {
            return defaultValue;
        }

        return ValueParsers.TryParseDuration(s.Single(), out var v)
            ? v
            : throw s.Error($"must be a duration (seconds, or a number with ms, s, m, h, d), not '{s.Single()}'");
    }

    /// <summary>One of a fixed set of words, compared case-insensitively.</summary>
    public string GetChoice(string key, string defaultValue, params string[] choices)
    {
        if (Find(key) is not { } s)
        {
            return defaultValue;
        }

        var value = s.Single();
        foreach (var c in choices)
        {
            if (string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        throw s.Error($"must be one of {string.Join(", ", choices)}, not '{value}'");
    }

    /// <summary>A path resolved against the folder of the config file.</summary>
    public string ResolvePath(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>The error for a required key the block lacks, at the block's opening line.</summary>
    public ConfigException Missing(string key) =>
        new(Location, $"collector '{Id}' (module {Module}) needs '{key}'");

    /// <summary>An error about <paramref name="key"/>, at its line (or the block's when absent).</summary>
    public ConfigException Error(string key, string problem) =>
        Find(key) is { } s ? s.Error(problem) : new ConfigException(Location, $"'{key}' {problem}");
}
