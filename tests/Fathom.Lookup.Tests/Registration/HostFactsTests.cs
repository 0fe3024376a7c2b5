using Fathom.Lookup.Registration;
using Fathom.Lookup.Tests.Support;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Tests.Registration;

/// <summary>The host's facts from this machine's real files and calls, and from a folder of sample files.</summary>
public sealed class HostFactsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_ThisMachine_KernelFromUnameMemoryAndCores()
    {
        var logger = new ListLogger();

        var facts = HostFacts.Read(logger);

        Assert.Equal("Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), facts.OsKernel);
        Assert.False(string.IsNullOrEmpty(facts.HostName));
        Assert.NotEmpty(facts.Addresses);
        Assert.InRange(facts.MemoryMiB ?? 0, 64, 1L << 24);
        Assert.InRange(facts.ProcessorCores ?? 0, 1, 4096);
        if (File.Exists("/etc/os-release"))
        {
            Assert.False(string.IsNullOrEmpty(facts.OsName));
        }
    }

    [Fact]
    public void Read_SampleFiles_Parsed()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "etc"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "proc"));
        _dir.File("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\n# comment=1\nID=debian\n");
        _dir.File("proc/meminfo", "MemTotal:       16303868 kB\nMemFree:         1000 kB\n");
        _dir.File("proc/cpuinfo", Cpu(0, 0, 8, "2400.000") + Cpu(1, 0, 8, "1200.000") + Cpu(2, 1, 8, "2400.000"));

        var facts = HostFacts.Read(new ListLogger(), _dir.Path);

        Assert.Equal(("Debian GNU/Linux", "12 (bookworm)"), (facts.OsName, facts.OsVersion));
        Assert.Equal(15921, facts.MemoryMiB);
        Assert.Equal((2400.0, 2, 16), (facts.ProcessorSpeedMHz, facts.ProcessorCount, facts.ProcessorCores));
    }

    [Fact]
    public void Read_OsReleaseWithoutVersion_VersionIdUsed()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "usr/lib"));
        _dir.File("usr/lib/os-release", "NAME='Alpine Linux'\nVERSION_ID=3.20.1\n");

        var facts = HostFacts.Read(new ListLogger(), _dir.Path);

        Assert.Equal(("Alpine Linux", "3.20.1"), (facts.OsName, facts.OsVersion));
    }

    [Fact]
    public void Read_Arm64CpuInfo_CoresFromProcessorsPackagesLeftOut()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "proc"));
        _dir.File("proc/cpuinfo", "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\n\nprocessor\t: 1\nBogoMIPS\t: 50.00\n\n");

        var facts = HostFacts.Read(new ListLogger(), _dir.Path);

        Assert.Equal(((double?)null, (int?)null, (int?)2), (facts.ProcessorSpeedMHz, facts.ProcessorCount, facts.ProcessorCores));
    }

    [Fact]
    public void Read_NothingReadable_FactsLeftOutWithOneWarning()
    {
        var logger = new ListLogger();

        var facts = HostFacts.Read(logger, Path.Combine(_dir.Path, "nowhere"));

        Assert.Null(facts.OsName);
        Assert.Null(facts.OsVersion);
        Assert.Null(facts.MemoryMiB);
        Assert.Null(facts.ProcessorCores);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("os name (os-release)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("memory (meminfo)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("processor cores (cpuinfo)", warning.Message, StringComparison.Ordinal);
    }

    private static string Cpu(int processor, int package, int cores, string mhz) =>
        $"processor\t: {processor}\nvendor_id\t: GenuineIntel\ncpu MHz\t\t: {mhz}\nphysical id\t: {package}\ncpu cores\t: {cores}\n\n";
}
