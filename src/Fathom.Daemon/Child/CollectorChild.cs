using Fathom.Child;
using Fathom.Collectors;
using Fathom.Core.Collectors;
using Fathom.Core.Native;

namespace Fathom.Daemon.Child;

/// <summary>
/// fathomd re-executed as "fathomd: collector ID": runs one built-in collector and streams what
/// it measures to the parent on stdout (<see cref="ChildRunner"/>). Dies with the parent
/// (PR_SET_PDEATHSIG), stops on SIGTERM. Plugins run in fathom-plugin-host instead.
/// </summary>
internal static class CollectorChild
{
    public static Task<int> RunAsync(string id)
    {
        Libc.SetProcessName("fathomd-child");
        var catalog = new CollectorCatalog(BuiltinCollectors.All);
        return ChildRunner.RunAsync(id, config => catalog.Resolve(config.Module, config.Location, config.BaseDirectory).Factory());
    }
}
