using System.Text.RegularExpressions;

namespace Fathom.Collectors.Tests;

/// <summary>
/// Collector modules (src/Fathom.Collectors/&lt;Module&gt;/) never use each other: what two modules
/// share lives in a shared folder (Common/, Probes/, Net/), as Telegraf's plugins/common does.
/// Scans the sources, so a new cross-module import fails here, not in review.
/// </summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly HashSet<string> Shared = new(StringComparer.Ordinal) { "Common", "Probes", "Net", "bin", "obj" };

    [Fact]
    public void Modules_ReferenceNoOtherModule()
    {
        var root = Path.Combine(FindRepoRoot(), "src", "Fathom.Collectors");
        var modules = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(d => !Shared.Contains(d)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Http", modules);
        Assert.Contains("Tcp", modules);
        Assert.Contains("Script", modules);

        var problems = new List<string>();
        foreach (var module in modules)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, module), "*.cs", SearchOption.AllDirectories))
            {
                problems.AddRange(Violations(module, modules, File.ReadAllLines(file))
                    .Select(v => $"{Path.GetRelativePath(root, file)}:{v.Line}: {module} uses {v.Other}"));
            }
        }

        Assert.True(problems.Count == 0, "modules use each other (move the shared code to Common/):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Violations_UsingOrQualifiedNameOfAnotherModule_AreFound()
    {
        var modules = new HashSet<string>(StringComparer.Ordinal) { "Http", "Tcp", "Script" };
        string[] lines =
        [
            "using Fathom.Collectors.Tcp;",
            "using Fathom.Collectors.Common.Tls;",
            "namespace Fathom.Collectors.Http;",
            "var x = Fathom.Collectors.Script.ShellWords.Split(s);",
            "// Fathom.Collectors.Http is this module",
        ];

        var found = Violations("Http", modules, lines).ToList();

        Assert.Equal([(1, "Tcp"), (4, "Script")], found);
    }

    private static IEnumerable<(int Line, string Other)> Violations(string module, HashSet<string> modules, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in NamespaceReference().Matches(lines[i]))
            {
                var other = m.Groups[1].Value;
                if (other != module && modules.Contains(other))
                {
                    yield return (i + 1, other);
                }
            }
        }
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

    [GeneratedRegex(@"\bFathom\.Collectors\.(\w+)\b")]
    private static partial Regex NamespaceReference();
}
