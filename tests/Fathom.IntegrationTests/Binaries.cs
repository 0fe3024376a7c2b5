namespace Fathom.IntegrationTests;

/// <summary>Finds the repository and the built fathomd/fathom of the same configuration as these tests.</summary>
internal static class Binaries
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Fathomd => Find("Fathom.Daemon", "fathomd");

    public static string Fathom => Find("Fathom.Cli", "fathom");

    private static string Find(string project, string name)
    {
        var path = Path.Combine(RepoRoot, "src", project, "bin", Configuration, "net10.0", name);
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
