using System.Diagnostics;

namespace Fathom.Archive.Tests.Spool;

/// <summary>mount, umount and chattr for the disk-full and unwritable-folder tests (they run as root, as the suite does).</summary>
internal static class Privileged
{
    public static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20_000))
        {
            p.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 20 s");
        }

        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: exit {p.ExitCode}: {err.Result}");
    }
}
