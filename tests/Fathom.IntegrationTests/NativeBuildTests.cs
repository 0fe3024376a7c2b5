using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace Fathom.IntegrationTests;

/// <summary>
/// The binaries under test are the ones installed: with FATHOM_BIN_DIR (scripts/test.sh) the
/// NativeAOT fathomd, which maps no CoreCLR and is ready in milliseconds.
/// </summary>
public sealed class NativeBuildTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Fathomd_Started_IsNativeWhenPublishedAndReportsReadyQuickly()
    {
        using var dir = new TempDir();
        var socketPath = dir.File("notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var config = Configs.Write(dir, Configs.Noop("n", interval: "1"));

        var clock = Stopwatch.StartNew();
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}"], new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath });
        var ready = await ReceiveReadyAsync(socket);
        var startToReady = clock.Elapsed;
        output.WriteLine($"{Binaries.Fathomd}: start to READY=1 {startToReady.TotalMilliseconds:F1} ms");

        var maps = await File.ReadAllTextAsync($"/proc/{daemon.Pid}/maps");
        var jit = maps.Contains("libcoreclr.so", StringComparison.Ordinal);
        if (Binaries.BinDirectory is not null)
        {
            Assert.False(jit, $"{Binaries.Fathomd} maps libcoreclr.so: not a NativeAOT build");
            Assert.True(startToReady < TimeSpan.FromSeconds(1), $"start to ready took {startToReady.TotalMilliseconds:F0} ms");
        }
        else
        {
            Assert.True(jit, "without FATHOM_BIN_DIR the tests run the JIT build, which maps libcoreclr.so");
        }

        Assert.Contains($"MAINPID={daemon.Pid}", ready, StringComparison.Ordinal);
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
    }

    [Fact]
    public async Task FathomCli_Published_IsOneNativeFile()
    {
        var (code, text) = await DaemonProcess.RunAsync(["--version"], Long, binary: Binaries.Fathom);
        Assert.True(code == 0, text);
        var dll = Path.ChangeExtension(Binaries.Fathom, ".dll");
        Assert.Equal(Binaries.BinDirectory is null, File.Exists(dll)); // NativeAOT: no managed assembly beside it
    }

    private static async Task<string> ReceiveReadyAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(Long);
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, n);
            if (message.Contains("READY=1", StringComparison.Ordinal))
            {
                return message;
            }
        }
    }
}
