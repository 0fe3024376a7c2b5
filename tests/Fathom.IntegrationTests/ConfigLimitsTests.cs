using System.Diagnostics;
using System.Text;

namespace Fathom.IntegrationTests;

/// <summary>Hostile and suspicious configurations: bounded, refused or warned about with file:line, never a hang or a crash.</summary>
public sealed class ConfigLimitsTests
{
    private const string Head = "collection_interval 1\n"; // line 1
    private const string Block = "<collector a>\n  module noop\n</collector>\n";
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Check_IncludeOfFifo_RefusedWithLineInsteadOfHanging()
    {
        using var dir = new TempDir();
        MakeFifo(dir.File("pipe.conf"));
        var main = dir.Write("main.conf", Head + "<<include pipe.conf>>\n" + Block);

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"], Quick);

        Assert.True(code == 2, output);
        Assert.Contains($"{main}:2: \"{dir.File("pipe.conf")}\" is a named pipe (FIFO), not a regular file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MainConfigIsFifo_RefusedInsteadOfHanging()
    {
        using var dir = new TempDir();
        var fifo = dir.File("fathom.conf");
        MakeFifo(fifo);

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={fifo}"], Quick);

        Assert.True(code == 2, output);
        Assert.Contains($"{fifo}: is a named pipe (FIFO), not a regular file", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--check")]
    [InlineData("--dump")]
    public async Task MainConfigIsDevZero_RefusedWithoutRunningOutOfMemory(string mode)
    {
        var (code, output) = await DaemonProcess.RunAsync([mode, "--config=/dev/zero"], Quick);

        Assert.True(code == 2, output);
        Assert.Contains("/dev/zero: is a character device, not a regular file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TwentyThousandNestedBlocks_RefusedAtTheFirstTooDeepLine()
    {
        using var dir = new TempDir();
        var text = new StringBuilder(Head + Block);
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("<b>\n");
        }

        text.Append("k v\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("</b>\n");
        }

        var main = dir.Write("deep.conf", text.ToString());
        var started = Stopwatch.StartNew();

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"], Quick);

        Assert.True(code == 2, output);
        Assert.Contains($"{main}:{5 + 511}: blocks nested more than 511 deep", output, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    public static TheoryData<string, string, string> Suspicious() => new()
    {
        // name, main file text, the warning after "file:"
        { "self-include", Head + "<<include self-include.conf>>\n" + Block, "2: include cycle: \"{dir}/self-include.conf\" is already being read" },
        { "cycle", Head + "<<include b.conf>>\n" + Block, "1: include cycle: \"{dir}/cycle.conf\" is already being read ({dir}/cycle.conf includes {dir}/b.conf includes {dir}/cycle.conf)" },
        { "mismatched-close", Head + "<collector a>\n  module noop\n</api>\n", "4: </api> closes <collector a> opened at {dir}/mismatched-close.conf:2" },
    };

    [Theory]
    [MemberData(nameof(Suspicious))]
    public async Task Check_SuspiciousConfig_WarnsNamingFileAndLine(string name, string text, string warning)
    {
        using var dir = new TempDir();
        dir.Write("b.conf", "<<include cycle.conf>>\n");
        var main = dir.Write($"{name}.conf", text);
        var at = name == "cycle" ? dir.File("b.conf") : main;

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"], Quick);

        Assert.True(code == 0, output);
        Assert.Contains($"warning:  {at}:{warning.Replace("{dir}", dir.Path, StringComparison.Ordinal)}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MismatchedClosingTag_WarnedWithLineAtStart_RunsAndStopsCleanly()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("a", interval: "1"), "<collector b>\n    module noop\n</api>");
        var lines = File.ReadAllText(config).Split('\n').ToList();
        var (openLine, closeLine) = (lines.IndexOf("<collector b>") + 1, lines.IndexOf("</api>") + 1);
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");

        Assert.Contains($"{config}:{closeLine}: </api> closes <collector b> opened at {config}:{openLine}", daemon.Output, StringComparison.Ordinal);
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Quick));
    }

    [Fact]
    public async Task SigHup_ArchiveUnchanged_NoRestartWarning_ArchiveChanged_Warned()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("a", interval: "1"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await daemon.WaitForOutputAsync("ready");

        daemon.Signal(Sig.Hup);
        await daemon.WaitForOutputAsync("reloaded: 1 kept");
        Assert.DoesNotContain("takes effect only after a restart", daemon.Output, StringComparison.Ordinal);

        File.WriteAllText(config, File.ReadAllText(config).Replace("</archive>", "    retain_raw 30d\n</archive>", StringComparison.Ordinal));
        daemon.Signal(Sig.Hup);
        await daemon.WaitForOutputAsync("a change of 'archive' takes effect only after a restart");

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Quick));
    }

    [Fact]
    public async Task Check_BadRegex_MessageIsEnglishNotAResourceKey()
    {
        using var dir = new TempDir();
        var main = dir.Write("re.conf", Head + "<collector w>\n  module http\n  url http://127.0.0.1:9/\n  expect_body \"([\"\n</collector>\n");

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"], Quick);

        Assert.True(code == 2, output);
        Assert.Contains($"{main}:5: 'expect_body' is not a valid .NET regular expression: Invalid pattern '([' at offset 2. Unterminated [] set.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("UnterminatedBracket", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LogOutputUnderAFile_MessageIsEnglishNotAResourceKey()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("a"));

        var (code, output) = await DaemonProcess.RunAsync(["--foreground", "--ignorepid", $"--config={config}", $"--output={config}/log"], Quick);

        Assert.True(code == 2, output);
        Assert.Contains($"cannot open the log output: The file '{config}' already exists.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("IO_FileExists_Name", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_IncludeCycle_StdoutIsThePerlModulesDump_WarningOnStderr()
    {
        using var dir = new TempDir();
        dir.Write("b.conf", "y 2\n<<include cycle.conf>>\n");
        var main = dir.Write("cycle.conf", "x 1\n<<include b.conf>>\n");

        var ours = await RunAsync(Binaries.Fathomd, "--dump", $"--config={main}");
        var perl = await RunAsync("perl", Path.Combine(Binaries.RepoRoot, "..", "shared", "conformance", "cg-dump.pl"), main);

        Assert.True(ours.Code == 0 && perl.Code == 0, $"fathomd {ours.Code}: {ours.Stderr}\nperl {perl.Code}: {perl.Stderr}");
        Assert.Equal(perl.Stdout, ours.Stdout);
        Assert.Contains($"{dir.File("b.conf")}:2: include cycle: \"{main}\" is already being read", ours.Stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var cts = new CancellationTokenSource(Quick);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        Assert.True(mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0, $"mkfifo {path}");
    }
}
