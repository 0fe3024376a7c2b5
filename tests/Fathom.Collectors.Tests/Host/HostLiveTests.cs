using System.Diagnostics;
using System.Globalization;
using Fathom.Collectors.Host;
using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Host;

/// <summary>The host collector against this machine's /proc, checked by independent reads and tools.</summary>
public sealed class HostLiveTests
{
    private static Runner Start() => Runner.Init(new HostCollector(), "/etc");

    [Fact]
    public async Task CollectAsync_Load_EqualsProcLoadavg()
    {
        var r = Start();
        var before = ReadLoad();
        await r.RunAsync();
        var after = ReadLoad();

        double[] got = [r.Value("host.load.1"), r.Value("host.load.5"), r.Value("host.load.15")];
        Assert.True(got.SequenceEqual(before) || got.SequenceEqual(after), $"{string.Join(' ', got)} is neither {string.Join(' ', before)} nor {string.Join(' ', after)}");
    }

    [Fact]
    public async Task CollectAsync_MemTotal_EqualsMeminfoAndVmstat()
    {
        var r = Start();
        await r.RunAsync();

        var memTotalKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var vmstat = Run("vmstat", "-s").Split('\n').First(l => l.Contains("total memory", StringComparison.Ordinal)).Trim().Split(' ')[0];
        Assert.Equal(double.Parse(memTotalKb, CultureInfo.InvariantCulture) * 1024, r.Value("host.mem.total"));
        Assert.Equal(double.Parse(vmstat, CultureInfo.InvariantCulture) * 1024, r.Value("host.mem.total"));
        Assert.InRange(r.Value("host.mem.used"), 1, r.Value("host.mem.total"));
    }

    [Fact]
    public async Task CollectAsync_MemUsed_EqualsFreeOfProcpsNg4()
    {
        var r = Start();
        var before = FreeUsedBytes();
        await r.RunAsync();
        var after = FreeUsedBytes();

        // free(1) of procps-ng 4 prints total - available; memory moves between the reads, so the
        // value must lie between them (with 16 MiB for what other processes did in between).
        const double slack = 16.0 * 1024 * 1024;
        Assert.InRange(r.Value("host.mem.used"), Math.Min(before, after) - slack, Math.Max(before, after) + slack);
    }

    [Fact]
    public async Task CollectAsync_Loopback_CountersBetweenReadsBeforeAndAfter()
    {
        var r = Start();
        var before = ReadLo();
        await r.RunAsync();
        var after = ReadLo();

        string[] names = ["rx_bytes", "rx_packets", "rx_errors", "rx_drops", "tx_bytes", "tx_packets", "tx_errors", "tx_drops"];
        int[] columns = [0, 1, 2, 3, 8, 9, 10, 11];
        for (var i = 0; i < names.Length; i++)
        {
            Assert.InRange(r.Value("host.net." + names[i], "interface", "lo"), before[columns[i]], after[columns[i]]);
        }
    }

    [Fact]
    public async Task CollectAsync_SecondRun_CpuPercentagesSumTo100()
    {
        var r = Start();
        await r.RunAsync();
        Assert.Empty(r.Sink.Samples("host.cpu.idle"));

        // A run within the same clock tick emits nothing; poll until a tick passed.
        Assert.True(await Poll.UntilAsync(() =>
        {
            r.RunAsync().GetAwaiter().GetResult();
            return r.Sink.Samples("host.cpu.idle").Count > 0;
        }));
        string[] parts = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];
        Assert.Equal(100, parts.Sum(p => r.Value("host.cpu." + p)), 6);
        var cpus = File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        Assert.Equal(cpus, r.Value("host.cpu.count"));
    }

    [Fact]
    public async Task CollectAsync_RootFileSystem_MatchesDf()
    {
        var r = Start();
        await r.RunAsync();
        var df = Run("df", "-B1", "--output=size,used,itotal", "/").Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(double.Parse(df[0], CultureInfo.InvariantCulture), r.Value("host.fs.size", "mount", "/"));
        Assert.Equal(double.Parse(df[1], CultureInfo.InvariantCulture), r.Value("host.fs.used", "mount", "/"), 64.0 * 1024 * 1024);
        Assert.Equal(double.Parse(df[2], CultureInfo.InvariantCulture), r.Value("host.fs.inodes", "mount", "/"));
        Assert.Single(r.Sink.Samples("host.fs.size"), s => s.Series.Tag("mount") == "/");
    }

    [Fact]
    public async Task CollectAsync_NoPseudoFileSystems()
    {
        var r = Start();
        await r.RunAsync();
        var types = r.Sink.Samples("host.fs.size").Select(s => s.Series.Tag("fstype")).ToHashSet();
        Assert.DoesNotContain("proc", types);
        Assert.DoesNotContain("sysfs", types);
        Assert.DoesNotContain("devpts", types);
        Assert.DoesNotContain("cgroup", types);
    }

    [Fact]
    public async Task CollectAsync_RealMachine_NoProblems()
    {
        var r = Start();
        await r.RunAsync();
        await r.RunAsync();
        Assert.Equal(0, r.Context.Problems);
    }

    /// <summary>The "used" column of the Mem: line of `free -b`.</summary>
    private static double FreeUsedBytes()
    {
        var mem = Run("free", "-b").Split('\n').First(l => l.StartsWith("Mem:", StringComparison.Ordinal));
        return double.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
    }

    private static double[] ReadLoad() =>
        [.. File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    private static double[] ReadLo()
    {
        var line = File.ReadLines("/proc/net/dev").First(l => l.TrimStart().StartsWith("lo:", StringComparison.Ordinal));
        return [.. line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    private static string Run(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(15_000));
        return output;
    }
}
