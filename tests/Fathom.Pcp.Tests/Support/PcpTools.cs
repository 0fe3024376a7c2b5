namespace Fathom.Pcp.Tests.Support;

/// <summary>
/// The PCP tools, headers and libraries these tests use. A missing one fails the test with the
/// Debian package to install: the tests never skip.
/// </summary>
internal static class PcpTools
{
    public const string Packages = "install the Debian packages pcp, libpcp3-dev, libpcp-mmv1-dev and gcc (apt-get install pcp libpcp3-dev libpcp-mmv1-dev gcc)";

    public static string MmvDump => Require("/usr/lib/pcp/pmdas/mmv/mmvdump", "pcp");

    public static string Pmcd => Require("/usr/lib/pcp/bin/pmcd", "pcp");

    public static string PmInfo => Require("/usr/bin/pminfo", "pcp");

    public static string MmvPmda => Require("/var/lib/pcp/pmdas/mmv/pmda_mmv.so", "pcp");

    public static string CCompiler => Require("/usr/bin/cc", "gcc");

    /// <summary>Checks what compiling and linking mmv_writer.c needs.</summary>
    public static void RequireDevelopmentFiles()
    {
        Require("/usr/include/pcp/pmapi.h", "libpcp3-dev");
        Require("/usr/include/pcp/mmv_stats.h", "libpcp-mmv1-dev");
        Require(Library("libpcp.so"), "libpcp3-dev");
        Require(Library("libpcp_mmv.so"), "libpcp-mmv1-dev");
    }

    private static string Library(string name) =>
        new[] { "/usr/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64" }
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists) ?? "/usr/lib/" + name;

    private static string Require(string path, string package) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing (Debian package {package}); {Packages}");
}
