using System.Globalization;
using Fathom.Core.Processes;

namespace Fathom.Daemon.Child;

/// <summary>How fathomd starts a copy of itself: the apphost when there is one, else "dotnet fathomd.dll".</summary>
internal static class ChildLauncher
{
    /// <summary>Spawn options for a collector child, shown in ps as "fathomd: collector ID".</summary>
    public static SpawnOptions Options(string collectorId, StdioMode stdin, StdioMode stdout, StdioMode stderr) => new()
    {
        Executable = Executable(),
        Arguments = Arguments($"fathomd: collector {collectorId}", []),
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

    /// <summary>argv for a re-execution: argv[0], the dll when hosted by dotnet, then <paramref name="args"/>.</summary>
    public static IReadOnlyList<string> Arguments(string argv0, IEnumerable<string> args)
    {
        var list = new List<string> { argv0 };
        if (Path.GetFileNameWithoutExtension(Executable()) == "dotnet")
        {
            list.Add(typeof(ChildLauncher).Assembly.Location);
        }

        list.AddRange(args);
        return list;
    }
}
