using Fathom.Archive;

namespace Fathom.IntegrationTests;

/// <summary>
/// The real fathomd, freshly started, probing real loopback peers: the first sample of tcp, http
/// and dns is as true as the later ones (no JIT, TLS or resolver start-up inside the timed section).
/// </summary>
public sealed class FirstRunFidelityTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);
    private static readonly string[] Measured = ["tcp.connect", "http.connect", "http.total", "dns.query_time"];

    [Fact]
    public async Task FreshDaemon_FirstTcpHttpDnsSamples_LikeTheLaterOnes()
    {
        using var dir = new TempDir();
        dir.Write("web/index.html", "ok\n");
        using var web = await LoopbackPeer.HttpServerAsync(dir.File("web"));
        using var dns = await LoopbackPeer.DnsmasqAsync();
        var archive = dir.File("archive.db");
        var config = Configs.Write(
            dir,
            $"<collector t>\n module tcp\n target 127.0.0.1:{web.Port}\n</collector>",
            $"<collector h>\n module http\n url http://127.0.0.1:{web.Port}/index.html\n</collector>",
            $"<collector d>\n module dns\n name a.test\n server 127.0.0.1:{dns.Port}\n</collector>");
        using (var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]))
        {
            await Wait.UntilAsync(() => Measured.All(n => ArchiveProbe.Points(archive, n) >= 7), Long, "7 runs of tcp, http and dns");
            daemon.Signal(Sig.Term);
            Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        }

        using var reader = ArchiveReader.Open(archive);
        var report = new List<string>();
        foreach (var name in Measured)
        {
            var values = Assert.Single(reader.Query(name, [], long.MinValue, long.MaxValue)).Points.Select(p => p.Value).ToList();
            var later = values.Skip(1).Order().ToList();
            var median = later[later.Count / 2];
            report.Add($"{name}: first {values[0]:0.###} ms, later median {median:0.###} ms ({string.Join(' ', values.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))})");
            // Within 3x the median, plus 5 ms for a busy 2-core machine; a cold start was 20-500x.
            Assert.True(values[0] <= (3 * median) + 5, string.Join('\n', report));
        }
    }
}
