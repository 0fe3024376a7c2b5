using System.Text.RegularExpressions;
using System.Xml.Linq;
using Fathom.Core.Collectors;

namespace Fathom.Core.Tests;

/// <summary>The layout rules of docs/ARCHITECTURE.md ("Contracts and habits"), checked on the sources.</summary>
public sealed partial class ProjectRulesTests
{
    // Benchmarks measure internals; test projects test them.
    private static readonly HashSet<string> BenchmarkFriends = new(StringComparer.Ordinal)
    {
        "Fathom.Benchmarks", "Fathom.ArchiveIngest", "Fathom.ArchiveQuery", "Fathom.SpoolBench",
    };

    [Fact]
    public void Abstractions_ReferencesNoOtherFathomAssembly()
    {
        var references = typeof(ICollector).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Equal("Fathom.Abstractions", typeof(ICollector).Assembly.GetName().Name);
        Assert.DoesNotContain(references, n => n.StartsWith("Fathom", StringComparison.Ordinal));
    }

    [Fact]
    public void InternalsVisibleTo_NamesOnlyTestAndBenchmarkProjects()
    {
        var problems = new List<string>();
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.csproj", SearchOption.AllDirectories))
        {
            foreach (var friend in XDocument.Load(project).Descendants("InternalsVisibleTo").Select(e => (string?)e.Attribute("Include") ?? ""))
            {
                if (!friend.EndsWith("Tests", StringComparison.Ordinal) && friend != "Fathom.TestSupport" && !BenchmarkFriends.Contains(friend))
                {
                    problems.Add($"{Path.GetFileName(project)} grants its internals to {friend}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NativeBindings_AllInCoreNative()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var native = Path.Combine(src, "Fathom.Core", "Native") + Path.DirectorySeparatorChar;
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            // The SQLite binding belongs to the SQLite backend; build output is not source.
            if (file.StartsWith(native, StringComparison.Ordinal) || file.Contains($"{Path.DirectorySeparatorChar}Sqlite{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (Binding().IsMatch(lines[i]))
                {
                    problems.Add($"{Path.GetRelativePath(src, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(problems.Count == 0, "libc bindings belong in src/Fathom.Core/Native:\n" + string.Join("\n", problems));
    }

    private static string RepoRoot()
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

    [GeneratedRegex(@"\[(DllImport|LibraryImport)\b")]
    private static partial Regex Binding();
}
