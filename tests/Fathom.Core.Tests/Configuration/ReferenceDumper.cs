using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Fathom.Core.Tests.Configuration;

/// <summary>Runs the reference (perl cg-dump.pl FILE, Config::General) on a file.</summary>
internal static class ReferenceDumper
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly Lazy<Task<string?>> Missing = new(FindMissingPrerequisite);

    public static async Task<ReferenceResult> DumpAsync(string file)
    {
        // Without Config::General perl exits 2 too, which would pass for a refusal; check it first.
        var missing = await Missing.Value;
        Assert.True(missing is null, missing);
        var result = await RunAsync(ConformancePaths.DumperScript, file);
        Assert.True(result.ExitCode is 0 or 2, $"cg-dump.pl {file} exited {result.ExitCode}: {result.Stderr}");
        return result;
    }

    private static async Task<string?> FindMissingPrerequisite()
    {
        if (!File.Exists(ConformancePaths.DumperScript))
        {
            return $"The reference dumper is missing: {ConformancePaths.DumperScript}";
        }

        try
        {
            var probe = await RunAsync("-MConfig::General", "-MJSON::PP", "-e", "print $Config::General::VERSION");
            return probe.ExitCode == 0
                ? null
                : $"Perl's Config::General is not installed (apt-get install -y libconfig-general-perl): {probe.Stderr}";
        }
        catch (Win32Exception e)
        {
            return $"perl cannot be started ({e.Message}); install perl and libconfig-general-perl";
        }
    }

    private static async Task<ReferenceResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("perl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("perl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new ReferenceResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record ReferenceResult(int ExitCode, string Stdout, string Stderr);
