using Fathom.Pcp.Tests.Support;

namespace Fathom.IntegrationTests;

/// <summary>
/// Builds plugins the way an author does, once per test run: Fathom.Abstractions packed into the
/// folder feed examples/plugin/nuget.config names (artifacts/packages), then `dotnet build` of the
/// example against that package; and the example again against a Fathom.Abstractions 2.0 packed
/// from the same sources, which this plugin host (1.x) must refuse. Restores go to a private
/// packages folder, so a package cached by an earlier run (same version, older contents) is never used.
/// </summary>
internal static class PluginBuilds
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);
    private static readonly string Work = Path.Combine(Path.GetTempPath(), $"fathom-plugin-builds-{Environment.ProcessId}");
    private static readonly Lazy<Task<string>> Example = new(() => Task.Run(BuildExample));
    private static readonly Lazy<Task<string>> FutureContract = new(() => Task.Run(BuildAgainstFutureContract));

    /// <summary>examples/plugin's FileMetricsPlugin.dll, built from the packed package.</summary>
    public static Task<string> ExampleAsync() => Example.Value;

    /// <summary>The example built against a packed Fathom.Abstractions 2.0.0.</summary>
    public static Task<string> FutureContractPluginAsync() => FutureContract.Value;

    public static string ExampleFolder => Path.Combine(Binaries.RepoRoot, "examples", "plugin");

    private static string BuildExample()
    {
        // The test host may be ended before ProcessExit runs: earlier runs' folders go here.
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "fathom-plugin-builds-*"))
        {
            if (int.TryParse(Path.GetFileName(stale)["fathom-plugin-builds-".Length..], out var pid) && !ProcTable.Exists(pid))
            {
                DeleteWork(stale);
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteWork(Work);
        // The same command scripts/test.sh runs; --no-build: the tests' own build made this configuration.
        Dotnet(Binaries.RepoRoot, "pack", "src/Fathom.Abstractions", "-c", Binaries.Configuration, "--no-build", "-o", Path.Combine(Binaries.RepoRoot, "artifacts", "packages"));
        Dotnet(ExampleFolder, "build", "-c", "Release");
        return Built(ExampleFolder);
    }

    private static string BuildAgainstFutureContract()
    {
        var source = Path.Combine(Work, "future-contract");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "BannedSymbols.txt", ".editorconfig", "global.json" })
        {
            CopyFile(Path.Combine(Binaries.RepoRoot, file), Path.Combine(source, file));
        }

        CopyTree(Path.Combine(Binaries.RepoRoot, "src", "Fathom.Abstractions"), Path.Combine(source, "src", "Fathom.Abstractions"));
        var feed = Path.Combine(Work, "future-feed");
        Dotnet(source, "pack", "src/Fathom.Abstractions", "-c", "Release", "-p:Version=2.0.0", "-o", feed);

        var plugin = Path.Combine(Work, "future-plugin");
        CopyTree(ExampleFolder, plugin);
        File.WriteAllText(Path.Combine(plugin, "Directory.Packages.props"), """
            <Project>
              <ItemGroup>
                <PackageVersion Include="Fathom.Abstractions" Version="2.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(plugin, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fathom-future" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        Dotnet(plugin, "build", "-c", "Release");
        return Built(plugin);
    }

    private static string Built(string folder)
    {
        var dll = Path.Combine(folder, "bin", "Release", "net10.0", "FileMetricsPlugin.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"dotnet build in {folder} made no {dll}");
    }

    private static void Dotnet(string folder, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(Work, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var info = Processes.Info("dotnet", [.. args, "--disable-build-servers", "-nodeReuse:false"], environment);
        info.WorkingDirectory = folder;
        // The test host runs under `dotnet test`: its MSBuild variables would point this build at the wrong SDK parts.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(BuildLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} in {folder} did not finish within {BuildLimit}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} in {folder} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                CopyFile(file, Path.Combine(to, relative));
            }
        }
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    private static void DeleteWork(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
