namespace Fathom.Lookup.Tests.Support;

/// <summary>The repository root and the shared sLS conformance folder beside it (../shared/conformance/sls).</summary>
internal static class RepoPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SlsConformance => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance", "sls"));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fathom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing Fathom.sln above {AppContext.BaseDirectory}");
    }
}
