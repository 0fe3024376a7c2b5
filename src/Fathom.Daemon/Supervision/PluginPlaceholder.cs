using Fathom.Core.Collectors;

namespace Fathom.Daemon.Supervision;

/// <summary>
/// Stands for a plugin in fathomd's own process, which cannot load it (NativeAOT has no JIT):
/// fathom-plugin-host checked it (<see cref="PluginCheck"/>) and runs it in a child.
/// </summary>
internal sealed class PluginPlaceholder : ICollector
{
    public void Init(CollectorConfig config)
    {
        // Checked by the plugin host; nothing runs here.
    }

    public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a plugin runs in fathom-plugin-host, never in fathomd's own process");
}
