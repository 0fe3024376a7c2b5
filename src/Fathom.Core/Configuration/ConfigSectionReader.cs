namespace Fathom.Core.Configuration;

/// <summary>
/// A reader for a section that is one block: the defaults when the block is absent, an error at
/// its line when the name is given as a plain key or more than once.
/// </summary>
public abstract class ConfigSectionReader<T> : IConfigSectionReader
    where T : class
{
    /// <inheritdoc />
    public abstract string Block { get; }

    /// <summary>The settings when the file has no such block.</summary>
    protected abstract T Default { get; }

    /// <summary>A one-line example of the block, for the message when it is not a block.</summary>
    protected abstract string Usage { get; }

    /// <inheritdoc />
    public object Read(ConfigNode? node, ConfigSectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (node)
        {
            case null:
                return Default;
            case ConfigObject block:
                return Read(block, context);
            default:
                context.Errors.Add(new ConfigException(node.Location, $"'{Block}' must be a block: {Usage}"));
                return Default;
        }
    }

    /// <summary>Reads the block's keys.</summary>
    protected abstract T Read(ConfigObject block, ConfigSectionContext context);
}
