using System.Text;
using Fathom.Core.Collectors;

namespace Fathom.Core.Configuration;

/// <summary>
/// Turns a raw parse tree into <see cref="DaemonSettings"/>: reads the daemon's keys, merges the
/// global keys into every &lt;collector&gt; block (the block's own keys win), checks every key
/// against what its module accepts, and hands every other top-level block to the reader its
/// subsystem registered in <paramref name="sections"/>. Reports every mistake at once, each with file:line.
/// </summary>
public sealed class DaemonConfigLoader(CollectorCatalog catalog, ConfigSections sections)
{
    /// <summary>Keys that configure the daemon itself and are not merged into collectors.</summary>
    private static readonly HashSet<string> DaemonKeys = new(StringComparer.Ordinal)
    {
        "pid_dir", "pid_file", "user", "group", "shutdown_timeout",
    };

    /// <summary>Whether <paramref name="key"/> is one of the daemon's own top-level keys.</summary>
    public static bool IsDaemonKey(string key) => DaemonKeys.Contains(key);

    /// <summary>Loads, throwing <see cref="ConfigErrors"/> with every mistake found.</summary>
    public DaemonSettings Load(ConfigObject root, string configFile)
    {
        var errors = new List<ConfigException>();
        var settings = Load(root, configFile, errors);
        return errors.Count > 0 ? throw new ConfigErrors(errors) : settings;
    }

    /// <summary>The shortest collection_interval: below it a daemon spends its time scheduling (Telegraf and collectd go no lower than 100 ms).</summary>
    public static TimeSpan MinInterval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The shortest timeout (of a run, or of one probe): below it nothing can be measured.</summary>
    public static TimeSpan MinTimeout { get; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Loads what can be loaded, adding every mistake to <paramref name="errors"/>.</summary>
    public DaemonSettings Load(ConfigObject root, string configFile, List<ConfigException> errors) => Load(root, configFile, errors, []);

    /// <summary>As <see cref="Load(ConfigObject, string, List{ConfigException})"/>, the parser's warnings first among the settings' warnings.</summary>
    public DaemonSettings Load(ConfigObject root, string configFile, List<ConfigException> errors, IReadOnlyList<string> parseWarnings)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.Count;
        var settings = LoadInto(root, configFile, errors, parseWarnings);

        // A bad global key is merged into every collector: say it once.
        var distinct = errors.Skip(first).DistinctBy(e => e.Message).ToList();
        errors.RemoveRange(first, errors.Count - first);
        errors.AddRange(distinct);
        return settings;
    }

    private DaemonSettings LoadInto(ConfigObject root, string configFile, List<ConfigException> errors, IReadOnlyList<string> parseWarnings)
    {
        var warnings = new List<string>(parseWarnings);
        var globals = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        foreach (var (key, node) in root.Entries())
        {
            if (DaemonKeys.Contains(key) || key == ConfigSections.CollectorBlock || sections.TryGet(key, out _))
            {
                continue;
            }

            if (IsBlock(node))
            {
                UnknownBlock(key, node, errors);
                continue;
            }

            Try(errors, () => globals[key] = ToSetting(key, node));
        }

        var interval = TimeSpan.FromSeconds(15);
        if (globals.TryGetValue("collection_interval", out var ci))
        {
            Try(errors, () => interval = AtLeast(ci, MinInterval));
        }
        else
        {
            warnings.Add($"{configFile}: no collection_interval set; using the default of 15 seconds");
        }

        var blocks = CollectorBlocks(root, errors);
        if (blocks.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ConfigException(new ConfigLocation(configFile, 0), "No collectors defined"));
        }

        var collectors = new List<CollectorConfig>();
        var usedGlobals = new HashSet<string>(StringComparer.Ordinal) { "collection_interval" };
        foreach (var (id, block) in blocks)
        {
            try
            {
                collectors.Add(BuildCollector(id, block, globals, interval, usedGlobals, errors));
            }
            catch (ConfigException e)
            {
                errors.Add(e);
            }
        }

        if (collectors.Count > 0)
        {
            foreach (var (key, setting) in globals)
            {
                if (!usedGlobals.Contains(key))
                {
                    errors.Add(new ConfigException(setting.Location, $"unknown key '{key}': no collector module accepts it"));
                }
            }
        }

        var settings = new DaemonSettings
        {
            ConfigFile = configFile,
            Collectors = collectors,
            CollectionInterval = interval,
            PidDir = OptionalScalar(root, "pid_dir", errors) is { } pidDir ? Path.GetFullPath(pidDir, ConfigFolder(root, "pid_dir", configFile)) : null,
            PidFile = OptionalScalar(root, "pid_file", errors),
            User = UserOrGroup(root, "user", "group", errors),
            Group = UserOrGroup(root, "group", "user", errors),
            ShutdownTimeout = root.TryGet("shutdown_timeout", out var st) ? Catch(errors, () => PositiveDuration(ToSetting("shutdown_timeout", st)), TimeSpan.FromSeconds(10)) : TimeSpan.FromSeconds(10),
            Sections = ReadSections(root, new ConfigSectionContext(configFile, errors, warnings)),
            Warnings = warnings,
        };

        return settings;
    }

    private CollectorConfig BuildCollector(
        string id, ConfigObject block, Dictionary<string, ConfigSetting> globals, TimeSpan globalInterval, HashSet<string> usedGlobals, List<ConfigException> errors)
    {
        var own = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        foreach (var (key, node) in block.Entries())
        {
            Try(errors, () => own[key] = ToSetting(key, node));
        }

        if (!own.TryGetValue("module", out var moduleSetting))
        {
            throw new ConfigException(block.Location, $"collector '{id}' has no 'module'");
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(block.Location.File)) ?? "/";
        var descriptor = catalog.Resolve(moduleSetting.Single(), moduleSetting.Location, baseDir);
        var merged = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        foreach (var (key, g) in globals)
        {
            if (descriptor.Accepts(key))
            {
                merged[key] = g;
                usedGlobals.Add(key);
            }
        }

        foreach (var (key, s) in own)
        {
            if (!descriptor.Accepts(key))
            {
                errors.Add(new ConfigException(s.Location, $"unknown key '{key}' for module {descriptor.Module} in collector '{id}' (it accepts: {string.Join(", ", descriptor.Keys.Concat(CollectorDescriptor.CommonKeys).Order(StringComparer.Ordinal))})"));
                continue;
            }

            merged[key] = s;
        }

        // Each common key on its own, so every mistake in the block is reported, not just the first.
        var interval = merged.TryGetValue("collection_interval", out var ci) && !ReferenceEquals(ci, globals.GetValueOrDefault("collection_interval"))
            ? Catch(errors, () => AtLeast(ci, MinInterval), globalInterval)
            : globalInterval;
        var probe = new CollectorConfig(id, descriptor.Module, block.Location, merged, baseDir);
        var timeout = merged.TryGetValue("timeout", out var to) ? Catch(errors, () => AtLeast(to, MinTimeout), interval) : interval;
        var jitter = Catch(errors, () => probe.GetDuration("jitter", TimeSpan.Zero), TimeSpan.Zero);
        if (jitter > interval)
        {
            errors.Add(probe.Error("jitter", $"({jitter.TotalSeconds} s) must not exceed the collection interval ({interval.TotalSeconds} s)"));
            jitter = TimeSpan.Zero;
        }

        return new CollectorConfig(id, descriptor.Module, block.Location, merged, baseDir)
        {
            Interval = interval,
            Timeout = timeout,
            Schedule = Catch(errors, () => probe.GetChoice("schedule", "sleep", "sleep", "aligned"), "sleep") == "aligned" ? ScheduleMode.Aligned : ScheduleMode.Sleep,
            Jitter = jitter,
            // A plugin always runs in a child (fathom-plugin-host): NativeAOT fathomd cannot load an assembly.
            Isolation = Catch(errors, () => probe.GetChoice("isolation", "thread", "thread", "process"), "thread") == "process" || CollectorCatalog.IsPluginModule(descriptor.Module) ? IsolationMode.Process : IsolationMode.Thread,
            Fingerprint = Fingerprint(descriptor.Module, merged),
        };
    }

    private static List<(string Id, ConfigObject Block)> CollectorBlocks(ConfigObject root, List<ConfigException> errors)
    {
        var result = new List<(string, ConfigObject)>();
        if (!root.TryGet("collector", out var node))
        {
            return result;
        }

        var unnamed = 0;
        foreach (var item in node is ConfigArray a ? a.Items : [node])
        {
            if (item is not ConfigObject obj)
            {
                errors.Add(new ConfigException(item.Location, "'collector' must be a block: <collector ID> ... </collector>"));
                continue;
            }

            // <collector ID> blocks nest as {ID: {...}}; an unnamed <collector> holds its keys directly.
            if (obj.Count > 0 && obj.Entries().All(e => e.Value is ConfigObject || (e.Value is ConfigArray arr && arr.Items.All(i => i is ConfigObject))))
            {
                foreach (var (id, block) in obj.Entries())
                {
                    if (block is ConfigArray dup)
                    {
                        errors.Add(new ConfigException(dup.Items[^1].Location, $"collector '{id}' is defined more than once (first at {dup.Items[0].Location})"));
                        continue;
                    }

                    result.Add((id, (ConfigObject)block));
                }
            }
            else
            {
                unnamed++;
                var module = obj.TryGet("module", out var m) && m is ConfigScalar { Value: { } v } ? v : "collector";
                result.Add(($"{module}-{unnamed}", obj));
            }
        }

        return result;
    }

    private Dictionary<string, object> ReadSections(ConfigObject root, ConfigSectionContext context)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var reader in sections.Readers)
        {
            // A reader that throws instead of adding to the list still has its mistakes reported with the rest.
            try
            {
                result[reader.Block] = reader.Read(root.TryGet(reader.Block, out var node) ? node : null, context);
            }
            catch (ConfigException e)
            {
                context.Errors.Add(e);
            }
            catch (ConfigErrors e)
            {
                e.Errors.ToList().ForEach(context.Errors.Add);
            }
        }

        return result;
    }

    private static bool IsBlock(ConfigNode node) => node is ConfigObject || (node is ConfigArray a && a.Items.Any(i => i is ConfigObject));

    /// <summary>A block no subsystem reads would do nothing: an error at each of its lines, never ignored.</summary>
    private void UnknownBlock(string key, ConfigNode node, List<ConfigException> errors)
    {
        foreach (var item in node is ConfigArray a ? a.Items : [node])
        {
            if (item is ConfigObject)
            {
                errors.Add(new ConfigException(item.Location, $"unknown block <{key}> (known blocks: {string.Join(", ", sections.KnownBlocks)})"));
            }
        }
    }

    private static ConfigSetting ToSetting(string key, ConfigNode node) => ConfigSetting.From(key, node);

    /// <summary>Relative paths in the file resolve against the folder of the file that says them.</summary>
    private static string ConfigFolder(ConfigObject root, string key, string configFile) =>
        Path.GetDirectoryName(Path.GetFullPath(root.TryGet(key, out var n) && n.Location.File.Length > 0 ? n.Location.File : configFile)) ?? "/";

    private static string? OptionalScalar(ConfigObject root, string key, List<ConfigException> errors)
    {
        if (!root.TryGet(key, out var node))
        {
            return null;
        }

        return Catch(errors, () => ToSetting(key, node).Single(), null);
    }

    /// <summary>user and group drop privileges together: one without the other is a mistake at its line.</summary>
    private static string? UserOrGroup(ConfigObject root, string key, string partner, List<ConfigException> errors)
    {
        var value = OptionalScalar(root, key, errors);
        if (value is not null && !root.TryGet(partner, out _))
        {
            errors.Add(new ConfigException(root[key].Location, $"'{key}' is set without '{partner}': set both (or neither, or pass --user and --group)"));
        }

        return value;
    }

    private static TimeSpan AtLeast(ConfigSetting s, TimeSpan minimum)
    {
        var value = PositiveDuration(s);
        return value >= minimum
            ? value
            : throw s.Error($"must be at least {minimum.TotalMilliseconds:0} ms, not '{s.Single()}'");
    }

    private static TimeSpan PositiveDuration(ConfigSetting s)
    {
        var text = s.Single();
        return ValueParsers.TryParseDuration(text, out var d) && d > TimeSpan.Zero
            ? d
            : throw s.Error($"must be a positive duration (seconds, or a number with ms, s, m, h, d), not '{text}'");
    }

    private static string Fingerprint(string module, Dictionary<string, ConfigSetting> merged)
    {
        var sb = new StringBuilder(module);
        foreach (var key in merged.Keys.Order(StringComparer.Ordinal))
        {
            sb.Append('\n').Append(key).Append('=');
            var s = merged[key];
            if (s.Values.Count == 0 && s.Node is not null)
            {
                AppendNode(sb, s.Node);
            }

            foreach (var v in s.Values)
            {
                sb.Append(v ?? "\0").Append('\u001f');
            }
        }

        return sb.ToString();
    }

    private static void AppendNode(StringBuilder sb, ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar scalar:
                sb.Append('"').Append(scalar.Value ?? "\0").Append('"');
                break;
            case ConfigArray array:
                sb.Append('[');
                array.Items.ForEach(i => AppendNode(sb.Append(','), i));
                sb.Append(']');
                break;
            case ConfigObject obj:
                sb.Append('{');
                foreach (var (key, child) in obj.Entries())
                {
                    AppendNode(sb.Append(key).Append(':'), child);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
        }
    }

    private static void Try(List<ConfigException> errors, Action action)
    {
        try
        {
            action();
        }
        catch (ConfigException e)
        {
            errors.Add(e);
        }
    }

    private static T Catch<T>(List<ConfigException> errors, Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (ConfigException e)
        {
            errors.Add(e);
            return fallback;
        }
    }
}
