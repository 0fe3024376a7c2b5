using System.Globalization;
using Fathom.Archive;

namespace Fathom.IntegrationTests;

/// <summary>
/// The real fathomd, freshly started, probing real loopback peers: the first sample of tcp, http
/// and dns is as true as the later ones (no JIT, TLS or resolver start-up inside the timed section).
/// </summary>
public sealed class FirstRunFidelityTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FreshDaemon_FirstTcpHttpDnsSamples_LikeTheLaterOnes()
    {
        using var dir = new TempDir();
        dir.Write("web/index.html", "ok\n");
        using var web = await LoopbackPeer.HttpServerAsync(dir.File("web"));
        using var dns = await LoopbackPeer.DnsmasqAsync();
        // The peers' own first answers (python's imports, say) are theirs, not fathomd's: ask once before.
        using (var http = new HttpClient())
        {
            Assert.Equal("ok\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{web.Port}/index.html")).WaitAsync(Long));
        }

        // One module per fresh daemon, so no other collector's first run shares the start.
        await MeasureAsync(dir, $"module tcp\n target 127.0.0.1:{web.Port}", ["tcp.connect"]);
        await MeasureAsync(dir, $"module http\n url http://127.0.0.1:{web.Port}/index.html", ["http.connect", "http.total"]);
        await MeasureAsync(dir, $"module dns\n name a.test\n server 127.0.0.1:{dns.Port}", ["dns.query_time"]);
    }

    /// <summary>
    /// Up to three fresh daemons: a cold start inflates every first sample, so it fails all three;
    /// a busy machine's preemption of one first sample does not repeat three times.
    /// </summary>
    private static async Task MeasureAsync(TempDir dir, string block, string[] names)
    {
        var report = new List<string>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await FirstLikeLaterAsync(dir, block, names, report))
            {
                return;
            }
        }

        Assert.Fail("the first sample stood out in three fresh daemons:\n" + string.Join('\n', report));
    }

    private static async Task<bool> FirstLikeLaterAsync(TempDir dir, string block, string[] names, List<string> report)
    {
        var archive = dir.File("archive.db");
        foreach (var file in Directory.GetFiles(dir.Path, "archive.db*"))
        {
            File.Delete(file);
        }

        var config = Configs.Write(dir, $"<collector probe>\n {block}\n</collector>");
        using (var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]))
        {
            await Wait.UntilAsync(() => names.All(n => ArchiveProbe.Points(archive, n) >= 6), Long, $"6 runs of {names[0]}");
            daemon.Signal(Sig.Term);
            Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        }

        using var reader = ArchiveReader.Open(archive);
        var ok = true;
        foreach (var name in names)
        {
            var values = Assert.Single(reader.Query(name, [], long.MinValue, long.MaxValue)).Points.Select(p => p.Value).ToList();
            var later = values.Skip(1).Order().ToList();
            var (median, max) = (later[later.Count / 2], later[^1]);
            report.Add($"{name}: first {values[0]:0.###} ms, later median {median:0.###} ms ({string.Join(' ', values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))})");
            // No outlier: within 3x the later median (+5 ms), or within the later runs' own spread
            // (1.5x their max). A cold start was 20-500x the median and far above the max.
            ok &= values[0] <= Math.Max((3 * median) + 5, 1.5 * max);
        }

        return ok;
    }
}
