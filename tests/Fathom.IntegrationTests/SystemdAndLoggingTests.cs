using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Fathom.IntegrationTests;

public sealed class SystemdAndLoggingTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NotifySocket_ReceivesReadyReloadingStopping()
    {
        using var dir = new TempDir();
        var socketPath = dir.File("notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var messages = new List<string>();
        var receiving = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            using var cts = new CancellationTokenSource(Long * 2);
            while (!cts.IsCancellationRequested)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                lock (messages)
                {
                    messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
                }
            }
        });
        string Seen()
        {
            lock (messages)
            {
                return string.Join("\n---\n", messages);
            }
        }

        var config = Configs.Write(dir, Configs.Noop("n"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"], new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath });
        await Wait.UntilAsync(() => Seen().Contains("READY=1", StringComparison.Ordinal), Long, "READY=1");
        Assert.Contains($"MAINPID={daemon.Pid}", Seen(), StringComparison.Ordinal);
        Assert.Contains("STATUS=1 collector(s) running", Seen(), StringComparison.Ordinal);

        daemon.Signal(Sig.Hup);
        await Wait.UntilAsync(() => Seen().Contains("RELOADING=1", StringComparison.Ordinal), Long, "RELOADING=1");
        await Wait.UntilAsync(() => Seen().Split("READY=1").Length == 3, Long, "READY=1 again after the reload");

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        await Wait.UntilAsync(() => Seen().Contains("STOPPING=1", StringComparison.Ordinal), Long, "STOPPING=1");
    }

    [Fact]
    public async Task LoggerFile_SetsLevelsAndOutput_PerCollector()
    {
        using var dir = new TempDir();
        var logFile = dir.File("logs/fathom.log");
        var loggerConf = dir.Write("logging.conf", $"""
            # Fathom logging configuration
            level = warning
            output = {logFile}
            level.collector/chatty = debug
            """);
        var config = Configs.Write(dir, Configs.Noop("chatty", isolation: "process"), Configs.Noop("quiet", extra: "fail yes"));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", $"--logger={loggerConf}"]);
        await Wait.UntilAsync(() => File.Exists(logFile) && File.ReadAllText(logFile).Contains("[chatty] child process", StringComparison.Ordinal), Long, "the debug line of collector chatty");
        await Wait.UntilAsync(() => File.ReadAllText(logFile).Contains("ERROR [quiet] run failed", StringComparison.Ordinal), Long, "the error of collector quiet");
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        var text = File.ReadAllText(logFile);
        Assert.DoesNotContain("INFO  fathomd", text, StringComparison.Ordinal); // the daemon's own info lines are below 'warning'
    }

    [Fact]
    public async Task LoggerFile_UnknownKey_ExitsTwoNamingLine()
    {
        using var dir = new TempDir();
        var loggerConf = dir.Write("logging.conf", "level = info\nverbosity = 3\n");
        var config = Configs.Write(dir, Configs.Noop("n"));
        var (code, output) = await DaemonProcess.RunAsync(["--foreground", $"--config={config}", $"--logger={loggerConf}"]);
        Assert.Equal(2, code);
        Assert.Contains($"{loggerConf}:2: unknown key 'verbosity'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_EqualsConfigGeneralReference()
    {
        var corpus = Path.Combine(Binaries.RepoRoot, "..", "shared", "conformance");
        var files = new[]
        {
            Path.Combine(corpus, "config-general", "perfsonar", "status-collector", "collector.conf"),
            Path.Combine(Binaries.RepoRoot, "examples", "quickstart.conf"),
        };
        foreach (var file in files.Select(Path.GetFullPath))
        {
            Assert.True(File.Exists(file), $"{file} is missing: the conformance corpus lives in ../shared beside the repository");
            var (code, ours) = await DaemonProcess.RunAsync(["--dump", $"--config={file}"]);
            Assert.True(code == 0, ours);
            var info = new ProcessStartInfo("perl") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(Path.Combine(corpus, "cg-dump.pl"));
            info.ArgumentList.Add(file);
            using var perl = Process.Start(info)!;
            var reference = await perl.StandardOutput.ReadToEndAsync();
            var error = await perl.StandardError.ReadToEndAsync();
            await perl.WaitForExitAsync();
            Assert.True(perl.ExitCode == 0, error);
            Assert.Equal(reference, ours + "\n");
        }
    }
}
