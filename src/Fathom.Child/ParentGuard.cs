using System.Globalization;
using Fathom.Core.Native;

namespace Fathom.Child;

/// <summary>A child dies with its parent: PR_SET_PDEATHSIG, then a check that the parent is still the one that started it.</summary>
internal static class ParentGuard
{
    /// <summary>False when the parent died before the death signal was armed (the child must exit).</summary>
    public static bool Arm()
    {
        _ = Libc.prctl(Libc.PrSetPdeathsig, (nuint)Libc.SigKill, 0, 0, 0);
        return !int.TryParse(Environment.GetEnvironmentVariable(ChildEnvironment.ParentPid), CultureInfo.InvariantCulture, out var parent)
            || Libc.getppid() == parent;
    }
}
