using System.Diagnostics;

namespace Fathom.Api.Tests.Support;

/// <summary>Debian's promtool (package prometheus): `promtool check metrics` on an exposition, its exit code and everything it printed.</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    public static async Task<(int Code, string Output)> CheckMetricsAsync(string exposition)
    {
        var info = new ProcessStartInfo(Path, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + Path);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(exposition.AsMemory(), timeout.Token);
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
