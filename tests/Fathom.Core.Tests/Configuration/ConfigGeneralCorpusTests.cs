using Fathom.Core.Configuration;

namespace Fathom.Core.Tests.Configuration;

/// <summary>Every file of the shared corpus parses to the reference's tree, or is refused like the reference refuses it.</summary>
public sealed class ConfigGeneralCorpusTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(ConformancePaths.CorpusDirectory))
        {
            // Keep one case so the missing corpus fails loudly instead of leaving an empty theory.
            data.Add("(corpus missing)");
            return data;
        }

        foreach (var file in ConformancePaths.CorpusFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task ParseFile_CorpusFile_MatchesReference(string relativePath)
    {
        Assert.True(Directory.Exists(ConformancePaths.CorpusDirectory), $"The conformance corpus is missing: {ConformancePaths.CorpusDirectory}");
        await ConformanceAssert.MatchesReferenceAsync(Path.Combine(ConformancePaths.CorpusDirectory, relativePath));
    }

    [Fact]
    public void CorpusFiles_SharedCorpus_HasTheTestAndPerfSonarFiles()
    {
        var files = ConformancePaths.CorpusFiles();

        Assert.Contains(Path.Combine("perfsonar", "status-collector", "collector.conf"), files);
        Assert.True(files.Count >= 50, $"only {files.Count} corpus files");
    }

    [Fact]
    public async Task ParseFile_EmptyBlockShorthandWithSlashInCorpus_RefusedAtTheStrayClosingLine()
    {
        // <Directory /> is read as the empty block <Directory >...</Directory>; the real </Directory> is then stray.
        var file = Path.Combine(ConformancePaths.CorpusDirectory, "config-general-t", "complex", "n2.cfg");

        var error = await ConformanceAssert.MatchesReferenceAsync(file);

        Assert.Equal(new ConfigLocation(file, 3), error?.Location);
    }

    [Fact]
    public async Task ParseFile_NamedBlockAfterRepeatedScalar_RefusedAtTheBlock()
    {
        var file = Path.Combine(ConformancePaths.CorpusDirectory, "config-general-t", "cfg.40");

        var error = await ConformanceAssert.MatchesReferenceAsync(file);

        Assert.Equal(new ConfigLocation(file, 5), error?.Location);
    }
}
