using Fathom.Collectors.Host;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Tests.Host;

public sealed class HostFixtureTests : IDisposable
{
    private readonly ProcFixture _proc = new();

    public void Dispose() => _proc.Dispose();

    private Runner Start(params (string Key, string Value)[] settings) =>
        Runner.Init(new HostCollector(), _proc.Root, [("proc_root", "proc"), .. settings]);

    [Fact]
    public async Task CollectAsync_FirstRun_PrimesCpuAndEmitsCountOnly()
    {
        var r = Start();
        await r.RunAsync();
        Assert.Empty(r.Sink.Samples("host.cpu.user"));
        Assert.Equal(2, r.Value("host.cpu.count"));
    }

    [Fact]
    public async Task CollectAsync_SecondRun_CpuPercentagesOfTheDelta()
    {
        var r = Start();
        await r.RunAsync();
        // +100 ticks in total: user 30, nice 10, system 10, idle 40, iowait 5, irq 1, softirq 2, steal 2; guest 20 (part of user).
        _proc.Stat("cpu  130 20 60 1040 10 2 4 5 24 0", 4);
        await r.RunAsync();

        Assert.Equal(30, r.Value("host.cpu.user"), 9);
        Assert.Equal(10, r.Value("host.cpu.nice"), 9);
        Assert.Equal(10, r.Value("host.cpu.system"), 9);
        Assert.Equal(40, r.Value("host.cpu.idle"), 9);
        Assert.Equal(5, r.Value("host.cpu.iowait"), 9);
        Assert.Equal(1, r.Value("host.cpu.irq"), 9);
        Assert.Equal(2, r.Value("host.cpu.softirq"), 9);
        Assert.Equal(2, r.Value("host.cpu.steal"), 9);
        Assert.Equal(20, r.Value("host.cpu.guest"), 9);
        Assert.Equal(4, r.Value("host.cpu.count"));
        Assert.Equal("percent", r.Sink.Samples("host.cpu.user")[0].Series.Unit);
    }

    [Fact]
    public async Task CollectAsync_CountersWentBackwards_ReprimesWithoutEmitting()
    {
        var r = Start();
        await r.RunAsync();
        _proc.Stat("cpu  50 10 50 1000 5 1 2 3 4 0", 2);
        await r.RunAsync();
        Assert.Empty(r.Sink.Samples("host.cpu.user"));
    }

    [Fact]
    public async Task CollectAsync_Fixture_LoadAndMemoryExact()
    {
        var r = Start();
        await r.RunAsync();

        Assert.Equal([0.5, 1.25, 2.0], [r.Value("host.load.1"), r.Value("host.load.5"), r.Value("host.load.15")]);
        Assert.Equal(16000000.0 * 1024, r.Value("host.mem.total"));
        Assert.Equal(4000000.0 * 1024, r.Value("host.mem.free"));
        Assert.Equal(9000000.0 * 1024, r.Value("host.mem.available"));
        Assert.Equal(500000.0 * 1024, r.Value("host.mem.buffers"));
        Assert.Equal(3250000.0 * 1024, r.Value("host.mem.cached"));
        Assert.Equal((16000000.0 - 9000000) * 1024, r.Value("host.mem.used"));
        Assert.Equal(2000000.0 * 1024, r.Value("host.swap.total"));
        Assert.Equal(1500000.0 * 1024, r.Value("host.swap.free"));
        Assert.Equal(500000.0 * 1024, r.Value("host.swap.used"));
        Assert.Equal("bytes", r.Sink.Samples("host.mem.total")[0].Series.Unit);
    }

    [Theory]
    [InlineData("", 12000000.0)] // before Linux 3.14: no MemAvailable, so total - free
    [InlineData("MemAvailable:   20000000 kB\n", 12000000.0)] // a container's available above total
    [InlineData("MemAvailable:   10000000 kB\n", 6000000.0)]
    public async Task CollectAsync_MemUsed_AsProcpsNg4(string available, double usedKb)
    {
        _proc.Write("meminfo", $"MemTotal:       16000000 kB\nMemFree:         4000000 kB\n{available}Buffers:          500000 kB\nCached:          3000000 kB\n");
        var r = Start();
        await r.RunAsync();

        Assert.Equal(usedKb * 1024, r.Value("host.mem.used"));
    }

    [Fact]
    public async Task CollectAsync_FixtureNetDev_ExactCountersAndMalformedLineReported()
    {
        var r = Start();
        await r.RunAsync();

        Assert.Equal(81598767, r.Value("host.net.rx_bytes", "interface", "eth0"));
        Assert.Equal(2465, r.Value("host.net.rx_packets", "interface", "eth0"));
        Assert.Equal(1, r.Value("host.net.rx_errors", "interface", "eth0"));
        Assert.Equal(2, r.Value("host.net.rx_drops", "interface", "eth0"));
        Assert.Equal(125409, r.Value("host.net.tx_bytes", "interface", "eth0"));
        Assert.Equal(1523, r.Value("host.net.tx_packets", "interface", "eth0"));
        Assert.Equal(3, r.Value("host.net.tx_errors", "interface", "eth0"));
        Assert.Equal(4, r.Value("host.net.tx_drops", "interface", "eth0"));
        Assert.Equal(80, r.Value("host.net.tx_drops", "interface", "wlan0"));
        Assert.Equal(["eth0", "lo", "wlan0"], r.Sink.Samples("host.net.rx_bytes").Select(s => s.Series.Tag("interface")).Order());
        Assert.Contains(r.Warnings, w => w.Contains("net/dev line 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_FixtureDiskStats_SkipsRamLoopAndIdleDevices()
    {
        var r = Start();
        await r.RunAsync();

        Assert.Equal(["sda", "sda1"], r.Sink.Samples("host.disk.reads").Select(s => s.Series.Tag("device")).Order());
        Assert.Equal(10849, r.Value("host.disk.reads", "device", "sda"));
        Assert.Equal(2505, r.Value("host.disk.writes", "device", "sda"));
        Assert.Equal(959450.0 * 512, r.Value("host.disk.read_bytes", "device", "sda"));
        Assert.Equal(988152.0 * 512, r.Value("host.disk.write_bytes", "device", "sda"));
        Assert.Equal(21833, r.Value("host.disk.read_time", "device", "sda"));
        Assert.Equal(1110, r.Value("host.disk.write_time", "device", "sda"));
        Assert.Equal(15692, r.Value("host.disk.io_time", "device", "sda"));
        Assert.Equal(60, r.Value("host.disk.io_time", "device", "sda1"));
        Assert.Equal("ms", r.Sink.Samples("host.disk.io_time")[0].Series.Unit);
        Assert.Contains(r.Warnings, w => w.Contains("diskstats line 6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_FixtureMounts_LikeDfWithoutAll()
    {
        var r = Start();
        await r.RunAsync();

        var mounts = r.Sink.Samples("host.fs.size").Select(s => (s.Series.Tag("mount"), s.Series.Tag("device"), s.Series.Tag("fstype"))).ToList();
        Assert.Equal([("/", "/dev/vda", "ext4"), (_proc.Root + "/mnt space", "my tmp", "tmpfs")], mounts);
        Assert.Contains(r.Warnings, w => w.Contains("mountinfo line 5", StringComparison.Ordinal));
        Assert.True(r.Value("host.fs.size", "mount", "/") > 0);
        Assert.True(r.Value("host.fs.inodes", "mount", "/") >= r.Value("host.fs.inodes_used", "mount", "/"));
    }

    [Fact]
    public async Task CollectAsync_Patterns_OnlyMatchingItems()
    {
        var r = Start(("interfaces", "eth*"), ("interfaces", "wl?n0"), ("devices", "sd?"), ("devices", "loop*"), ("mounts", "/*space"));
        await r.RunAsync();

        Assert.Equal(["eth0", "wlan0"], r.Sink.Samples("host.net.rx_bytes").Select(s => s.Series.Tag("interface")).Order());
        Assert.Equal(["loop0", "sda", "sdb"], r.Sink.Samples("host.disk.reads").Select(s => s.Series.Tag("device")).Order());
        Assert.Equal([_proc.Root + "/mnt space"], r.Sink.Samples("host.fs.size").Select(s => s.Series.Tag("mount")));
    }

    [Fact]
    public async Task CollectAsync_MissingFile_ReportedOnceAndOthersStillEmitted()
    {
        _proc.Delete("diskstats");
        var r = Start();
        await r.RunAsync();
        await r.RunAsync();

        Assert.Equal((2 * 2) + 1, r.Context.Problems); // two malformed fixture lines per run, one missing-file report
        Assert.Single(r.Warnings, w => w.Contains("diskstats", StringComparison.Ordinal));
        Assert.Equal(2, r.Sink.Samples("host.load.1").Count);
    }

    [Fact]
    public async Task CollectAsync_GarbageEverywhere_ReportsAndNeverThrows()
    {
        foreach (var file in new[] { "stat", "loadavg", "meminfo", "net/dev", "diskstats", "self/mountinfo" })
        {
            _proc.Write(file, "x y z\n\u0000\u00ff:: 1 2\n" + new string('9', 5000) + "\n");
        }

        var r = Start();
        await r.RunAsync();
        await r.RunAsync();

        Assert.True(r.Context.Problems > 0);
        Assert.Empty(r.Sink.Samples("host.cpu.user"));
    }

    [Fact]
    public async Task CollectAsync_Samples_CarryCollectorTagAndClockTime()
    {
        var r = Start();
        await r.RunAsync();
        var now = r.Context.NowUnixNs();
        Assert.All(r.Sink.Samples(), s =>
        {
            Assert.Equal("test", s.Series.Tag("collector"));
            Assert.Equal(now, s.TimeUnixNs);
        });
    }

    [Theory]
    [InlineData("interfaces", "eth/0", "cannot contain '/'")]
    [InlineData("devices", "sd[ab]", "wildcards * and ?")]
    [InlineData("mounts", "home", "absolute mount point")]
    [InlineData("proc_root", "nowhere", "is not a directory")]
    public void Init_BadKey_ConfigErrorNamesFileAndLine(string key, string value, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => Runner.Init(new HostCollector(), _proc.Root, (key, value)));
        Assert.StartsWith("test.conf:2:", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
