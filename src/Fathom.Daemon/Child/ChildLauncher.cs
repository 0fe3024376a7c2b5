using System.Globalization;
using Fathom.Child;
using Fathom.Core.Processes;

namespace Fathom.Daemon.Child;

/// <summary>
/// How fathomd starts a collector child: a copy of itself (the apphost when there is one, else
/// "dotnet fathomd.dll"), or, for a plugin, fathom-plugin-host (<see cref="PluginHostPath"/>).
/// </summary>
internal static class ChildLauncher
{
    /// <summary>Names the plugin host to use instead of the one installed beside fathomd.</summary>
    public const string PluginHostVariable = "FATHOM_PLUGIN_HOST";

    /// <summary>Spawn options for a collector child, shown in ps as "fathomd: collector ID".</summary>
    public static SpawnOptions Options(string collectorId, StdioMode stdin, StdioMode stdout, StdioMode stderr, bool plugin = false) => new()
    {
        Executable = plugin ? PluginHostPath() : Executable(),
        Arguments = plugin ? [$"fathomd: collector {collectorId}"] : Arguments($"fathomd: collector {collectorId}", []),
        Environment = SpawnOptions.CurrentEnvironment(
            new(ChildEnvironment.CollectorId, collectorId),
            new(ChildEnvironment.ParentPid, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)),
            new(ChildEnvironment.ReadyFd, null),
            new("NOTIFY_SOCKET", null)),
        StandardInput = stdin,
        StandardOutput = stdout,
        StandardError = stderr,
    };

    public static string Executable() => Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable this process runs");

    /// <summary>fathom-plugin-host: $FATHOM_PLUGIN_HOST, else the one installed beside fathomd.</summary>
    public static string PluginHostPath() =>
        Environment.GetEnvironmentVariable(PluginHostVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "fathom-plugin-host");

    /// <summary>argv for a re-execution: argv[0], the dll when hosted by dotnet, then <paramref name="args"/>.</summary>
    public static IReadOnlyList<string> Arguments(string argv0, IEnumerable<string> args)
    {
        var list = new List<string> { argv0 };
        if (Path.GetFileNameWithoutExtension(Executable()) == "dotnet")
        {
            // Under "dotnet fathomd.dll" (or a test host that loaded it) the dll sits in the base
            // folder; Assembly.Location is not available to a NativeAOT build.
            var dll = Path.Combine(AppContext.BaseDirectory, "fathomd.dll");
            list.Add(File.Exists(dll) ? dll : Environment.GetCommandLineArgs()[0]);
        }

        list.AddRange(args);
        return list;
    }
}
