namespace Fathom.Core.Tests.Configuration;

/// <summary>Where the shared Config::General conformance corpus and reference dumper are, next to the repository.</summary>
internal static class ConformancePaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string CorpusDirectory => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance", "config-general"));

    public static string DumperScript => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance", "cg-dump.pl"));

    /// <summary>The corpus files, relative to the corpus folder, in a stable order; fails clearly when the corpus is missing.</summary>
    public static IReadOnlyList<string> CorpusFiles()
    {
        var corpus = CorpusDirectory;
        Assert.True(Directory.Exists(corpus), $"The conformance corpus is missing: {corpus} (see shared/conformance/README.md)");
        return Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(corpus, f))
            .Order(StringComparer.Ordinal)
            .ToList();
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

        throw new InvalidOperationException($"No folder containing Fathom.sln above {AppContext.BaseDirectory}");
    }
}
