namespace Fathom.Core.Configuration;

/// <summary>
/// Reads one top-level block of the daemon's configuration (&lt;archive&gt;, &lt;mmv&gt;, …) for the
/// subsystem that owns it. The loader keeps the global keys and &lt;collector&gt; blocks and hands
/// every other block to the reader registered for its name in <see cref="ConfigSections"/>.
/// </summary>
public interface IConfigSectionReader
{
    /// <summary>The block's name, as written in the file (&lt;archive&gt; is "archive").</summary>
    string Block { get; }

    /// <summary>
    /// The section's settings, read from <paramref name="node"/> (null when the file has no such
    /// block: return the defaults). Every mistake goes to <see cref="ConfigSectionContext.Errors"/>
    /// with file:line; the result should compare equal by value, so a reload can tell a change.
    /// </summary>
    object Read(ConfigNode? node, ConfigSectionContext context);
}
