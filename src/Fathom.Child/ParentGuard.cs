using System.Globalization;
using Fathom.Core.Processes;

namespace Fathom.Child;

/// <summary>A child dies with its parent: PR_SET_PDEATHSIG, then a check that the parent is still the one that started it.</summary>
internal static class ParentGuard
{
    private const int PrSetPdeathsig = 1;

    /// <summary>False when the parent died before the death signal was armed (the child must exit).</summary>
    public static bool Arm()
    {
        _ = LibC.prctl(PrSetPdeathsig, (nuint)Signals.SIGKILL, 0, 0, 0);
        return !int.TryParse(Environment.GetEnvironmentVariable(ChildEnvironment.ParentPid), CultureInfo.InvariantCulture, out var parent)
            || ParentPid() == parent;
    }

    /// <summary>getppid(2) read from /proc/self/stat (field 4, after the command name's closing parenthesis).</summary>
    private static int ParentPid()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
