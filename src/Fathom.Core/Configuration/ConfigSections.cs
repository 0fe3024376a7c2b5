namespace Fathom.Core.Configuration;

/// <summary>
/// The section readers the subsystems register, by block name. Adding a subsystem adds a
/// registration here, not a change to <see cref="DaemonConfigLoader"/>; a top-level block that
/// nobody registered is an error at its line.
/// </summary>
public sealed class ConfigSections
{
    /// <summary>The block the loader keeps for itself.</summary>
    public const string CollectorBlock = "collector";

    private readonly Dictionary<string, IConfigSectionReader> _readers = new(StringComparer.Ordinal);

    public ConfigSections()
    {
    }

    public ConfigSections(IEnumerable<IConfigSectionReader> readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        foreach (var reader in readers)
        {
            Add(reader);
        }
    }

    /// <summary>The registered readers, in registration order.</summary>
    public IReadOnlyList<IConfigSectionReader> Readers => [.. _readers.Values];

    /// <summary>Registers <paramref name="reader"/> for its block; one reader per block name.</summary>
    public ConfigSections Add(IConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.Block.Length == 0 || reader.Block == CollectorBlock || DaemonConfigLoader.IsDaemonKey(reader.Block))
        {
            throw new ArgumentException($"'{reader.Block}' cannot be a section: the loader reads it", nameof(reader));
        }

        if (!_readers.TryAdd(reader.Block, reader))
        {
            throw new ArgumentException($"<{reader.Block}> already has a reader ({_readers[reader.Block].GetType().Name})", nameof(reader));
        }

        return this;
    }

    public bool TryGet(string block, out IConfigSectionReader reader) => _readers.TryGetValue(block, out reader!);

    /// <summary>Every block name a file may use: collector and the registered sections, sorted.</summary>
    public IEnumerable<string> KnownBlocks => _readers.Keys.Append(CollectorBlock).Order(StringComparer.Ordinal);
}
