using System.Diagnostics;
using System.Globalization;
using Fathom.Collectors.Tests.Net;
using Xunit.Abstractions;

namespace Fathom.Collectors.Tests.Ping;

/// <summary>
/// The ping collector beside fping, on one veth link to a peer namespace, while busy processes
/// keep both cores preempting. fping takes its RTTs on the same clock (CLOCK_REALTIME at send,
/// the kernel's SO_TIMESTAMPNS at arrival), but reads the send time once per turn of its main
/// loop, before building the packet; ours is read right before sendto. On a veth the reply is
/// timestamped within our sendto (a few µs), so fping's figures sit above ours by its loop's
/// work: 20-50 µs measured here (its strace shows the echo request itself, seen by its raw
/// socket, 20 µs before the reply). A clock-mapping error is a whole preemption: 0 ms, or
/// milliseconds off.
/// </summary>
public sealed class PingFidelityTests(ITestOutputHelper output) : IDisposable
{
    // fping's send stamp leads its sendto by its loop's work (20-50 µs measured), with margin.
    private const double ToleranceMs = 0.1;
    private readonly NetLab _lab = new();
    private readonly List<Process> _busy = [];

    public void Dispose()
    {
        foreach (var p in _busy)
        {
            // Our own children, by pid.
            p.Kill();
            p.WaitForExit(5000);
            p.Dispose();
        }

        _lab.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CollectAsync_CpuContention_NeverZeroAndMinNotBelowFping(bool v6)
    {
        var peer = _lab.Namespace("f");
        var (root, inner) = _lab.Link(null, peer, "f");
        NetLab.Run("ip", "addr", "add", $"{_lab.V4}.1/30", "dev", root);
        NetLab.Exec(peer, "ip", "addr", "add", $"{_lab.V4}.2/30", "dev", inner);
        NetLab.Run("ip", "addr", "add", $"{_lab.V6}:1::1/64", "dev", root, "nodad");
        NetLab.Exec(peer, "ip", "addr", "add", $"{_lab.V6}:1::2/64", "dev", inner, "nodad");
        var target = v6 ? $"{_lab.V6}:1::2" : $"{_lab.V4}.2";

        // Two busy processes per core: every thread, ours and fping's, is preempted now and then.
        for (var i = 0; i < 2 * Environment.ProcessorCount; i++)
        {
            _busy.Add(Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!);
        }

        var mins = new List<double>();
        var avgs = new List<double>();
        var fping = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var r = PingLoopbackTests.Start(("target", target), ("count", "30"), ("interval", "0.01"));
            await r.RunAsync();
            Assert.Equal(30, r.Value("ping.received"));
            mins.Add(r.Value("ping.rtt.min"));
            avgs.Add(r.Value("ping.rtt.avg"));
            Assert.Equal(0, r.Context.Problems);
            fping.AddRange(Fping(target, 30));
        }

        var fpingMin = fping.Min();
        output.WriteLine($"ours min {string.Join(' ', mins.Select(m => m.ToString("0.0000", CultureInfo.InvariantCulture)))} avg {string.Join(' ', avgs.Select(m => m.ToString("0.0000", CultureInfo.InvariantCulture)))}; fping min {fpingMin:0.0000} avg {fping.Average():0.0000}");
        Assert.All(mins, m => Assert.True(m > 0, $"a 0 ms RTT: mins {string.Join(", ", mins)}"));
        Assert.True(Math.Abs(mins.Min() - fpingMin) <= ToleranceMs, $"our min {mins.Min():0.0000} ms is off fping's {fpingMin:0.0000} ms by more than {ToleranceMs} ms");
        Assert.True(avgs.Min() >= fpingMin - ToleranceMs, $"our avg {avgs.Min():0.0000} ms is below fping's min {fpingMin:0.0000} ms");
    }

    /// <summary>fping -C: every RTT of <paramref name="count"/> probes 10 ms apart, in ms.</summary>
    private static List<double> Fping(string target, int count)
    {
        var (code, _, stderr) = NetLab.RunRaw("fping", TimeSpan.FromSeconds(30), "-C", count.ToString(CultureInfo.InvariantCulture), "-p", "10", "-q", target);
        Assert.True(code == 0, $"fping exit {code}: {stderr}");

        // "198.19.1.2 : 0.05 0.04 ..." ("-" for a lost probe).
        var values = stderr[(stderr.IndexOf(" : ", StringComparison.Ordinal) + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. values.Where(v => v != "-").Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }
}
