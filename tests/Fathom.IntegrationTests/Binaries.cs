namespace Fathom.IntegrationTests;

/// <summary>
/// Finds the repository and the fathomd/fathom under test: those in $FATHOM_BIN_DIR when it is
/// set (scripts/test.sh publishes the NativeAOT build there, with fathom-plugin-host beside
/// them, as installed), else the JIT build of the same configuration as these tests.
/// </summary>
internal static class Binaries
{
    /// <summary>The folder that holds the binaries under test; unset means the JIT build.</summary>
    public const string DirectoryVariable = "FATHOM_BIN_DIR";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The folder named by <see cref="DirectoryVariable"/>, or null for the JIT build.</summary>
    public static string? BinDirectory { get; } =
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } d ? Path.GetFullPath(d) : null;

    public static string Fathomd => Find("Fathom.Daemon", "fathomd");

    public static string Fathom => Find("Fathom.Cli", "fathom");

    public static string PluginHost => Find("Fathom.PluginHost", "fathom-plugin-host");

    /// <summary>
    /// The test plugins (tests/Fathom.TestPlugins: a counter and the misbehaving ones), built with
    /// these tests. The documented example, examples/plugin, is built by <see cref="PluginBuilds"/>.
    /// </summary>
    public static string TestPlugins
    {
        get
        {
            var path = Path.Combine(RepoRoot, "tests", "Fathom.TestPlugins", "bin", Configuration, "net10.0", "Fathom.TestPlugins.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; run scripts/test.sh");
        }
    }

    /// <summary>
    /// What fathomd needs to find fathom-plugin-host: nothing when it is installed beside fathomd
    /// (the published build), else FATHOM_PLUGIN_HOST naming the JIT build's.
    /// </summary>
    public static Dictionary<string, string> PluginHostEnvironment() =>
        File.Exists(Path.Combine(Path.GetDirectoryName(Fathomd)!, "fathom-plugin-host"))
            ? []
            : new() { ["FATHOM_PLUGIN_HOST"] = PluginHost };

    private static string Find(string project, string name)
    {
        var path = BinDirectory is { } dir
            ? Path.Combine(dir, name)
            : Path.Combine(RepoRoot, "src", project, "bin", Configuration, "net10.0", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; run scripts/test.sh");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fathom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Fathom.sln not found above " + AppContext.BaseDirectory);
    }
}
