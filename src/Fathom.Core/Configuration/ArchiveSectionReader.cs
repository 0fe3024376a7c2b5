namespace Fathom.Core.Configuration;

/// <summary>
/// Reads the &lt;archive&gt; block: type, path and retention. A thin reader on purpose: it moves
/// into the archive catalog, where each backend reads its own block.
/// </summary>
public sealed class ArchiveSectionReader : ConfigSectionReader<ArchiveSettings>
{
    public const string Name = "archive";

    private static readonly string[] Keys = ["type", "path", .. RetentionSettings.Keys];

    public override string Block => Name;

    protected override ArchiveSettings Default { get; } = new("sqlite", null, null);

    protected override string Usage => "<archive> type sqlite path FILE </archive>";

    protected override ArchiveSettings Read(ConfigObject block, ConfigSectionContext context)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(context);
        var errors = context.Errors;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in block.Entries())
        {
            if (value is ConfigScalar { Value: { } v })
            {
                options[key] = v;
            }
            else
            {
                errors.Add(new ConfigException(value.Location, $"archive '{key}' takes one value"));
            }
        }

        var type = options.GetValueOrDefault("type", "sqlite");
        if (type is not "sqlite")
        {
            errors.Add(new ConfigException(At(block, "type"), $"archive type '{type}' is not supported (supported: sqlite)"));
        }

        string? path = null;
        if (options.TryGetValue("path", out var p))
        {
            path = Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(context.FolderOf(block), p));
        }

        return new ArchiveSettings(type, path, block.Location)
        {
            Options = options,
            Retention = ReadRetention(block, options, errors),
            PathLocation = block.TryGet("path", out var pathNode) ? pathNode.Location : null,
        };
    }

    private static ConfigLocation At(ConfigObject block, string key) => block.TryGet(key, out var n) ? n.Location : block.Location;

    private static RetentionSettings ReadRetention(ConfigObject block, Dictionary<string, string> options, ICollection<ConfigException> errors)
    {
        foreach (var key in options.Keys)
        {
            if (!Keys.Contains(key))
            {
                errors.Add(new ConfigException(At(block, key), $"unknown archive key '{key}' (known: {string.Join(", ", Keys)})"));
            }
        }

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
}
