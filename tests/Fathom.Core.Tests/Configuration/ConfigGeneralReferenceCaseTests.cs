using Fathom.Core.Configuration;

namespace Fathom.Core.Tests.Configuration;

/// <summary>Hand-written syntax cases: our parse equals the reference's, and our errors point at the right line.</summary>
public sealed class ConfigGeneralReferenceCaseTests
{
    public static TheoryData<string> Cases() => ReferenceCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ParseFile_ReferenceCase_MatchesReference(string name)
    {
        var referenceCase = ReferenceCases.Get(name);
        using var dir = new TempConfigDirectory();
        foreach (var (path, text) in referenceCase.Files)
        {
            dir.Write(path, text);
        }

        var error = await ConformanceAssert.MatchesReferenceAsync(Path.Combine(dir.Root, ReferenceCase.MainFile));

        if (referenceCase.ErrorAt is var (file, line))
        {
            Assert.NotNull(error);
            Assert.Equal(new ConfigLocation(Path.Combine(dir.Root, file), line), error.Location);
        }
        else
        {
            Assert.True(error is null, $"the reference refuses case {name}, which expects no error: {error?.Message}");
        }
    }
}
