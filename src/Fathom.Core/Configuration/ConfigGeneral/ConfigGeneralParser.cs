using Fathom.Core.Configuration.ConfigGeneral;

namespace Fathom.Core.Configuration;

/// <summary>
/// Parses the configuration syntax of Perl's Config::General (2.65) exactly as the reference does with
/// UTF-8 input, relative includes and include globs, every other option at its default.
/// </summary>
internal static class ConfigGeneralParser
{
    public static ConfigObject ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Build(ConfigGeneralReader.ReadFile(path), path);
    }

    /// <summary>Parses <paramref name="text"/> as if it were the file <paramref name="fileName"/> (includes are relative to its folder).</summary>
    public static ConfigObject ParseText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return Build(ConfigGeneralReader.ReadText(text, fileName), fileName);
    }

    private static ConfigObject Build(IReadOnlyList<ContentLine> content, string file)
    {
        var root = ConfigGeneralTreeBuilder.Build(content, new ConfigLocation(file, 0));

        // The reference dies (or crashes) on invalid UTF-8 that reaches a value; only comments may hold it.
        foreach (var line in content)
        {
            if (line.Malformed)
            {
                throw new ConfigException(line.Location, "line is not valid UTF-8");
            }
        }

        return root;
    }
}
