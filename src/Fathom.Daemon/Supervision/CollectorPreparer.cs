using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Daemon.Supervision;

/// <summary>Makes each configured module and calls its Init, collecting every failure with its collector ID.</summary>
internal sealed class CollectorPreparer(CollectorCatalog catalog)
{
    public IReadOnlyList<PreparedCollector> Prepare(IEnumerable<CollectorConfig> configs)
    {
        var prepared = new List<PreparedCollector>();
        var errors = new List<ConfigException>();
        foreach (var config in configs)
        {
            try
            {
                var descriptor = catalog.Resolve(config.Module, config.Find("module")?.Location ?? config.Location, config.BaseDirectory);
                if (CollectorCatalog.IsPluginModule(descriptor.Module))
                {
                    PluginCheck.ThrowIfInvalid(config); // loaded and run by fathom-plugin-host, never here
                    prepared.Add(new PreparedCollector(config, new PluginPlaceholder()));
                    continue;
                }

                var instance = descriptor.Factory();
                instance.Init(config);
                prepared.Add(new PreparedCollector(config, instance));
            }
            catch (ConfigException e)
            {
                errors.Add(e);
            }
            catch (ConfigErrors e)
            {
                errors.AddRange(e.Errors);
            }
            catch (Exception e)
            {
                errors.Add(new ConfigException(config.Location, $"collector '{config.Id}' failed to initialise: {e.Message}"));
            }
        }

        if (errors.Count > 0)
        {
            foreach (var p in prepared)
            {
                (p.Instance as IDisposable)?.Dispose();
            }

            throw new ConfigErrors(errors);
        }

        return prepared;
    }
}
