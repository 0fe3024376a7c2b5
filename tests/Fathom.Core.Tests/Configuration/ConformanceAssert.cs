using Fathom.Core.Configuration;

namespace Fathom.Core.Tests.Configuration;

/// <summary>Compares our parse of a file with the reference's: the same JSON, or both refusing.</summary>
internal static class ConformanceAssert
{
    /// <summary>Asserts agreement and returns our exception when both refuse (null when both accept).</summary>
    public static async Task<ConfigException?> MatchesReferenceAsync(string file)
    {
        var reference = await ReferenceDumper.DumpAsync(file);
        if (reference.ExitCode == 0)
        {
            ConfigObject tree;
            try
            {
                tree = ConfigGeneralParser.ParseFile(file);
            }
            catch (ConfigException e)
            {
                Assert.Fail($"The reference accepts {file} but we refuse it: {e.Message}");
                throw;
            }

            Assert.Equal(reference.Stdout, ConfigJsonWriter.Write(tree));
            return null;
        }

        var error = Assert.Throws<ConfigException>(() => ConfigGeneralParser.ParseFile(file));
        Assert.True(error.Location is { Line: > 0 } location && File.Exists(location.File),
            $"The reference refuses {file} ({reference.Stderr.Trim()}); our error has no file:line: {error.Message}");
        return error;
    }
}
