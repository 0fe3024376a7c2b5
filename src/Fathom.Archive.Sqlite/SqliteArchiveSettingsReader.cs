using Fathom.Archive.Retention;
using Fathom.Core.Configuration;

namespace Fathom.Archive;

/// <summary>Reads a sqlite &lt;archive&gt; block: type, path (relative to the file that says it) and retention.</summary>
internal static class SqliteArchiveSettingsReader
{
    private static readonly string[] Keys = ["type", "path", .. RetentionSettings.Keys];

    public static SqliteArchiveSettings Read(ConfigObject? block, ConfigSectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (block is null)
        {
            return new SqliteArchiveSettings(null);
        }

        var errors = context.Errors;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in block.Entries())
        {
            if (value is ConfigScalar { Value: { } v })
            {
                options[key] = v;
            }
            else if (key != "type")
            {
                errors.Add(new ConfigException(value.Location, $"archive '{key}' takes one value"));
            }
        }

        foreach (var key in options.Keys)
        {
            if (!Keys.Contains(key))
            {
                errors.Add(new ConfigException(At(block, key), $"unknown archive key '{key}' (known: {string.Join(", ", Keys)})"));
            }
        }

        string? path = null;
        if (options.TryGetValue("path", out var p))
        {
            path = System.IO.Path.IsPathRooted(p) ? p : System.IO.Path.GetFullPath(System.IO.Path.Combine(context.FolderOf(block), p));
        }

        return new SqliteArchiveSettings(path)
        {
            Location = block.Location,
            Options = options,
            Retention = RetentionSettingsReader.Read(block, options, errors),
            PathLocation = block.TryGet("path", out var pathNode) ? pathNode.Location : null,
        };
    }

    private static ConfigLocation At(ConfigObject block, string key) => block.TryGet(key, out var n) ? n.Location : block.Location;
}
