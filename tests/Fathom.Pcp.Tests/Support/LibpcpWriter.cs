namespace Fathom.Pcp.Tests.Support;

/// <summary>assets/mmv_writer.c, compiled once per test run against the real libpcp_mmv, and run into a temp PCP_TMP_DIR.</summary>
internal static class LibpcpWriter
{
    private static readonly Lazy<string> Binary = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly string BuildFolder = CreateBuildFolder();

    public static string Source => Path.Combine(AppContext.BaseDirectory, "assets", "mmv_writer.c");

    /// <summary>Runs the writer; returns the path of the MMV file, TMPDIR/mmv/NAME.</summary>
    public static string Write(string tmpDir, string name, bool labels)
    {
        Directory.CreateDirectory(Path.Combine(tmpDir, "mmv"));
        var result = Processes.Run(Binary.Value, labels ? [name, "labels"] : [name], new Dictionary<string, string> { ["PCP_TMP_DIR"] = tmpDir });
        if (result.ExitCode != 0 || result.Output.Trim() != "ready")
        {
            throw new InvalidOperationException($"mmv_writer failed: {result}");
        }

        return Path.Combine(tmpDir, "mmv", name);
    }

    private static string CreateBuildFolder()
    {
        var folder = Directory.CreateTempSubdirectory("fathom-mmv-writer-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }

    private static string Compile()
    {
        PcpTools.RequireDevelopmentFiles();
        var output = Path.Combine(BuildFolder, "mmv_writer");
        var result = Processes.Run(PcpTools.CCompiler, ["-Wall", "-Werror", "-o", output, Source, "-lpcp_mmv", "-lpcp"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"compiling {Source} failed ({PcpTools.Packages}): {result}");
        }

        return output;
    }
}
