using Fathom.Collectors.Tests.Support;
using Fathom.Collectors.Throughput;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Throughput;

/// <summary>The throughput collector with a fake iperf3 (a shell script) that prints what the test needs.</summary>
public sealed class ThroughputFakeTests : IDisposable
{
    private const string TcpReport = """
        {"start": {}, "intervals": [],
         "end": {"sum_sent": {"bits_per_second": 2000.5, "retransmits": 4}, "sum_received": {"bits_per_second": 1999.25}}}
        """;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Runner Start(string body, params (string Key, string Value)[] settings)
    {
        _dir.Script("fake-iperf3", body);
        var collector = new ThroughputCollector();
        collector.Init(TestConfig.Collector("throughput", _dir.Path, [("target", "192.0.2.9"), ("iperf3", "fake-iperf3"), .. settings.Any(s => s.Key == "duration") ? settings : [("duration", "1s"), .. settings]]));
        return new Runner(collector, TimeProvider.System);
    }

    private static string Failure(Runner r) =>
        System.Text.Json.JsonDocument.Parse(Assert.Single(r.Sink.Events(), e => e.Name == "throughput.failure").Json).RootElement.GetProperty("reason").GetString()!;

    [Fact]
    public async Task CollectAsync_AllOptions_Iperf3ArgumentsAndTcpValues()
    {
        var r = Start($"echo \"$@\" > \"{_dir.Path}/args\"\ncat <<'EOF'\n{TcpReport}\nEOF", ("port", "5999"), ("duration", "3s"), ("streams", "2"), ("reverse", "yes"), ("udp", "no"), ("bandwidth", "100M"));
        await r.RunAsync();

        Assert.Equal("-c 192.0.2.9 -p 5999 -t 3 -P 2 -R -b 100M -J", File.ReadAllText(Path.Combine(_dir.Path, "args")).Trim());
        Assert.Equal(1, r.Value("throughput.success"));
        Assert.Equal(1999.25, r.Value("throughput.bps"));
        Assert.Equal(4, r.Value("throughput.retransmits"));
    }

    [Fact]
    public async Task CollectAsync_OldUdpReportWithOnlySum_ValuesFromSum()
    {
        var r = Start("""
            echo "$@" | grep -q -- '-u -J' || exit 9
            echo '{"end": {"sum": {"bits_per_second": 1e6, "jitter_ms": 0.25, "lost_percent": 1.5}}}'
            """, ("udp", "yes"));
        await r.RunAsync();

        Assert.Equal(1, r.Value("throughput.success"));
        Assert.Equal(1e6, r.Value("throughput.bps"));
        Assert.Equal(0.25, r.Value("throughput.jitter"));
        Assert.Equal(1.5, r.Value("throughput.loss"));
    }

    [Theory]
    [InlineData("echo '{\"start\": {\"connected\": [' ", "iperf3 report is not valid JSON")]
    [InlineData("printf '{\"end\": {\"sum_received\": {\"bits_per_second\": 12'", "iperf3 report is not valid JSON")]
    [InlineData("echo '[1, 2]'", "iperf3 report is a JSON Array, not an object")]
    [InlineData("echo '{\"start\": {}}'", "iperf3 report has no 'end' object")]
    [InlineData("echo '{\"end\": {\"sum_received\": {\"bits_per_second\": \"fast\"}}}'", "iperf3 report has no end.sum_received.bits_per_second")]
    [InlineData("echo '{\"end\": {}, \"error\": \"unable to send control message: Bad file descriptor\"}'; exit 1", "iperf3: unable to send control message: Bad file descriptor")]
    [InlineData("echo '{\"end\": {\"sum_received\": {\"bits_per_second\": 5}}}'; exit 3", "iperf3 ended with exit code 3")]
    [InlineData("echo 'iperf3: parameter error' >&2; exit 1", "iperf3 printed no report (exit code 1); stderr: iperf3: parameter error")]
    [InlineData("kill -SEGV $$", "iperf3 printed no report (killed by signal 11 (SIGSEGV))")]
    public async Task CollectAsync_BadReport_FailureWithReasonCounted(string body, string reason)
    {
        var r = Start(body);
        await r.RunAsync();

        Assert.Equal(0, r.Value("throughput.success"));
        Assert.Contains(reason, Failure(r), StringComparison.Ordinal);
        Assert.Empty(r.Sink.Samples("throughput.bps"));
        Assert.Equal(1, r.Context.Problems);
    }

    [Fact]
    public async Task CollectAsync_Iperf3Missing_FailureNamesPath()
    {
        var collector = new ThroughputCollector();
        collector.Init(TestConfig.Collector("throughput", _dir.Path, ("target", "192.0.2.9"), ("iperf3", "bin/nowhere"), ("duration", "1s")));
        var r = new Runner(collector);
        await r.RunAsync();

        Assert.Equal(0, r.Value("throughput.success"));
        Assert.Contains($"iperf3 {_dir.Path}/bin/nowhere does not exist", Failure(r), StringComparison.Ordinal);
    }

    [Fact]
    public void Find_NotOnPath_ReasonNamesPath()
    {
        var (path, error) = IperfLocator.Find(null, _dir.Path);
        Assert.Null(path);
        Assert.Equal($"iperf3 is not installed: not found on PATH ({_dir.Path}); install it (apt-get install iperf3) or set 'iperf3'", error);
    }

    [Fact]
    public async Task CollectAsync_Iperf3Hangs_KilledAtTimeoutWithReason()
    {
        var pidFile = Path.Combine(_dir.Path, "pid");
        var r = Start($"echo $$ > {pidFile}\nsleep 60 &\nwait", ("timeout", "2s"));
        await r.RunAsync();

        Assert.Equal(0, r.Value("throughput.success"));
        Assert.Contains("iperf3 did not finish within 2 s and was killed", Failure(r), StringComparison.Ordinal);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => !Poll.IsAlive(pid)));
    }

    [Fact]
    public async Task CollectAsync_RunCancelled_ProcessKilledNothingEmitted()
    {
        var pidFile = Path.Combine(_dir.Path, "pid");
        var r = Start($"echo $$ > {pidFile}.tmp; mv {pidFile}.tmp {pidFile}\nexec sleep 60");
        using var cts = new CancellationTokenSource();
        var run = r.RunAsync(cts.Token);
        Assert.True(await Poll.UntilAsync(() => File.Exists(pidFile)));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => !Poll.IsAlive(pid)));
        Assert.Empty(r.Sink.Samples());
    }
}
