using Fathom.Core.Configuration.ConfigGeneral;

namespace Fathom.Core.Configuration;

/// <summary>
/// Parses the configuration syntax of Perl's Config::General (2.65) exactly as the reference does with
/// UTF-8 input, relative includes and include globs, every other option at its default.
/// </summary>
public static class ConfigGeneralParser
{
    public static ConfigObject ParseFile(string path) => ParseFile(path, []);

    /// <summary>
    /// Parses <paramref name="path"/>; what the reference accepts with a warning or silently but is most likely a
    /// mistake (an include cycle, a closing tag naming another block) goes to <paramref name="warnings"/>, with file:line.
    /// </summary>
    public static ConfigObject ParseFile(string path, ICollection<string> warnings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(warnings);
        return Build(ConfigGeneralReader.ReadFile(path, warnings), path, warnings);
    }

    /// <summary>Parses <paramref name="text"/> as if it were the file <paramref name="fileName"/> (includes are relative to its folder).</summary>
    public static ConfigObject ParseText(string text, string fileName) => ParseText(text, fileName, []);

    public static ConfigObject ParseText(string text, string fileName, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(warnings);
        return Build(ConfigGeneralReader.ReadText(text, fileName, warnings), fileName, warnings);
    }

    private static ConfigObject Build(IReadOnlyList<ContentLine> content, string file, ICollection<string> warnings)
    {
        var root = ConfigGeneralTreeBuilder.Build(content, new ConfigLocation(file, 0), warnings);

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
