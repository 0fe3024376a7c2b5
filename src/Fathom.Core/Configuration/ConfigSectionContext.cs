namespace Fathom.Core.Configuration;

/// <summary>What a section reader gets besides its block: the file, and where to put mistakes and warnings.</summary>
public sealed class ConfigSectionContext(string configFile, ICollection<ConfigException> errors, ICollection<string> warnings)
{
    /// <summary>The main configuration file (a block may come from a file it includes).</summary>
    public string ConfigFile { get; } = configFile;

    /// <summary>Every mistake found, each with file:line; all are reported at once.</summary>
    public ICollection<ConfigException> Errors { get; } = errors;

    /// <summary>What is worth saying but does not stop the daemon, each with file:line.</summary>
    public ICollection<string> Warnings { get; } = warnings;

    /// <summary>The folder relative paths in <paramref name="node"/> resolve against: that of the file that says them.</summary>
    public string FolderOf(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Path.GetDirectoryName(Path.GetFullPath(node.Location.File.Length > 0 ? node.Location.File : ConfigFile)) ?? "/";
    }
}
