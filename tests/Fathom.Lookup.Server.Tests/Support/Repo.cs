namespace Fathom.Lookup.Server.Tests.Support;

/// <summary>The repository (the folder holding Fathom.sln), the Perl reference client beside it, and the fathom binary under test.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/conformance/sls/sls-client.pl from the repository root.</summary>
    public static string SlsClient { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "sls", "sls-client.pl"));

    /// <summary>fathom from $FATHOM_BIN_DIR (the NativeAOT build scripts/test.sh publishes), else the JIT build of this configuration.</summary>
    public static string Fathom
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Environment.GetEnvironmentVariable("FATHOM_BIN_DIR") is { Length: > 0 } dir
                ? Path.Combine(dir, "fathom")
                : Path.Combine(Root, "src", "Fathom.Cli", "bin", configuration, "net10.0", "fathom");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fathom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Fathom.sln above " + AppContext.BaseDirectory);
    }
}
