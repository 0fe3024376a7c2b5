using Fathom.Core.Configuration;
using Fathom.Core.Storage.Delivery;

namespace Fathom.Core.Storage;

/// <summary>
/// &lt;archive&gt; for the loader, once or repeated: each block's <c>type</c> key (the catalog's
/// default when absent) picks the backend, which reads the block without the delivery keys (read
/// here, alike for every backend). An unknown type is an error at its line naming the known ones.
/// </summary>
internal sealed class ArchiveSectionReader(ArchiveCatalog catalog) : IConfigSectionReader
{
    public string Block => ArchiveCatalog.Block;

    public object Read(ConfigNode? node, ConfigSectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = new List<(IArchiveBackend Backend, ArchiveOptions Options, DeliveryKeys Keys)>();
        foreach (var block in Blocks(node, context))
        {
            read.Add(ReadOne(block, context));
        }

        var several = read.Count > 1;
        var targets = new List<ArchiveTargetOptions>();
        var names = new Dictionary<string, ConfigLocation?>(StringComparer.Ordinal);
        var dirs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (backend, options, keys) in read)
        {
            var name = keys.Name ?? TargetNames.Derive(options.Type, options.Target);
            var unique = names.TryAdd(name, options.Location);
            if (!unique)
            {
                context.Errors.Add(new ConfigException(
                    keys.NameLocation ?? options.Location ?? new ConfigLocation(context.ConfigFile, 0),
                    $"archive name '{name}' is used twice (the other at {names[name]}): give each <archive> a distinct 'name'"));
            }

            var spool = keys.Spool ?? (several || IsNetwork(backend, options));
            var dir = keys.SpoolDir ?? Path.Combine(StatePaths.Folder(), "spool", name);
            if (spool && unique && !dirs.TryAdd(dir, name))
            {
                context.Errors.Add(new ConfigException(
                    keys.SpoolDirLocation ?? options.Location ?? new ConfigLocation(context.ConfigFile, 0),
                    $"archive '{name}': spool_dir {dir} is also archive '{dirs[dir]}''s; each target needs its own"));
            }

            var delivery = new DeliveryOptions
            {
                Spool = spool,
                SpoolDir = dir,
                SpoolSyncInterval = keys.SpoolSyncInterval,
                SpoolMaxBytes = keys.SpoolMaxBytes ?? DeliveryOptions.DefaultMaxBytes,
                SpoolFull = keys.SpoolFull ?? SpoolFullMode.Drop,
                RetryPolicy = keys.RetryPolicy ?? RetryPolicy.Default,
            };
            targets.Add(new ArchiveTargetOptions(name, options, delivery));
        }

        return new ArchiveTargets(targets);
    }

    // A backend that owns no local file is a network store: spooled unless told otherwise.
    private static bool IsNetwork(IArchiveBackend backend, ArchiveOptions options)
    {
        try
        {
            return backend.OwnedFiles(options).Count == 0;
        }
        catch (ArchiveException)
        {
            return false;
        }
    }

    private IEnumerable<ConfigObject?> Blocks(ConfigNode? node, ConfigSectionContext context)
    {
        switch (node)
        {
            case null:
                yield return null;
                break;
            case ConfigObject block:
                yield return block;
                break;
            case ConfigArray array when array.Items.All(i => i is ConfigObject):
                foreach (var item in array.Items)
                {
                    yield return (ConfigObject)item;
                }

                break;
            default:
                context.Errors.Add(new ConfigException(node.Location, $"'{Block}' must be a block: <archive> type {catalog.DefaultType} … </archive>"));
                yield return null;
                break;
        }
    }

    private (IArchiveBackend, ArchiveOptions, DeliveryKeys) ReadOne(ConfigObject? block, ConfigSectionContext context)
    {
        var fallback = catalog.Get(catalog.DefaultType);
        var none = new DeliveryKeys(null, null, null, null, null, null, null);
        if (block is null)
        {
            return (fallback, fallback.ReadOptions(null, context), none);
        }

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

        var (rest, keys) = DeliveryKeysReader.Read(block, context);
        if (catalog.TryGet(type, out var backend))
        {
            return (backend, backend.ReadOptions(rest, context), keys);
        }

        context.Errors.Add(new ConfigException(typeNode?.Location ?? block.Location, catalog.UnknownType(type)));
        return (fallback, fallback.ReadOptions(null, context), keys);
    }
}
