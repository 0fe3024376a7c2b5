using Fathom.Core.Configuration;

namespace Fathom.Core.Storage;

/// <summary>
/// &lt;archive&gt; for the loader: the <c>type</c> key (the catalog's default when absent) picks
/// the backend, which reads the block. An unknown type is an error at its line naming the known ones.
/// </summary>
internal sealed class ArchiveSectionReader(ArchiveCatalog catalog) : IConfigSectionReader
{
    public string Block => ArchiveCatalog.Block;

    public object Read(ConfigNode? node, ConfigSectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fallback = catalog.Get(catalog.DefaultType);
        switch (node)
        {
            case null:
                return fallback.ReadOptions(null, context);
            case ConfigObject block:
                var type = catalog.DefaultType;
                if (block.TryGet("type", out var typeNode))
                {
                    if (typeNode is ConfigScalar { Value: { } t })
                    {
                        type = t;
                    }
                    else
                    {
                        context.Errors.Add(new ConfigException(typeNode.Location, "archive 'type' takes one value"));
                    }
                }

                if (catalog.TryGet(type, out var backend))
                {
                    return backend.ReadOptions(block, context);
                }

                context.Errors.Add(new ConfigException(typeNode?.Location ?? block.Location, catalog.UnknownType(type)));
                return fallback.ReadOptions(null, context);
            default:
                context.Errors.Add(new ConfigException(node.Location, $"'{Block}' must be a block: <archive> type {catalog.DefaultType} … </archive>"));
                return fallback.ReadOptions(null, context);
        }
    }
}
