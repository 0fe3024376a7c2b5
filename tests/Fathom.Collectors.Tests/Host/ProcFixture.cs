using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Host;

/// <summary>A fake /proc tree with known content, for exact parsing checks.</summary>
internal sealed class ProcFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public ProcFixture()
    {
        Stat("cpu  100 10 50 1000 5 1 2 3 4 0", 2);
        _dir.File("proc/loadavg", "0.50 1.25 2.00 1/123 4567\n");
        _dir.File("proc/meminfo", """
            MemTotal:       16000000 kB
            MemFree:         4000000 kB
            MemAvailable:    9000000 kB
            Buffers:          500000 kB
            Cached:          3000000 kB
            SwapCached:            0 kB
            SReclaimable:     250000 kB
            SwapTotal:       2000000 kB
            SwapFree:        1500000 kB

            """);
        _dir.File("proc/net/dev", """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:    3293      31    0    0    0     0          0         0     3293      31    0    0    0     0       0          0
              eth0: 81598767    2465    1    2    0     0          0         0   125409    1523    3    4    0     0       0          0
              bad: 1 2 x
            wlan0: 10 20 30 40 0 0 0 0 50 60 70 80 0 0 0 0

            """);
        _dir.File("proc/diskstats", """
               7       0 loop0 5 0 10 0 0 0 0 0 0 0 0 0 0 0 0 0 0
               1       0 ram0 5 0 10 0 0 0 0 0 0 0 0 0 0 0 0 0 0
               8       0 sda 10849 4335 959450 21833 2505 5896 988152 1110 0 15692 23451 3304 75 94216 506 82 0
               8       1 sda1 100 0 200 30 40 0 80 50 0 60 0
               8      16 sdb 0 0 0 0 0 0 0 0 0 0 0
             garbage line
            """);
        Directory.CreateDirectory(Path.Combine(Root, "mnt space"));
        Directory.CreateDirectory(Path.Combine(Root, "dummy"));
        var escaped = Root.Replace(" ", "\\040", StringComparison.Ordinal) + "/mnt\\040space";
        _dir.File("proc/self/mountinfo", $"""
            22 27 0:21 / {Root}/dummy rw,relatime - proc proc rw
            27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
            28 27 254:0 /sub {Root} rw,relatime - ext4 /dev/vda rw
            29 27 0:99 / {escaped} rw master:2 shared:3 - tmpfs my\040tmp rw
            not a mount line
            31 23 0:28 / /proc rw,relatime - cgroup2 cgroup2 rw

            """);
    }

    public string Root => _dir.Path;

    public string ProcRoot => Path.Combine(_dir.Path, "proc");

    public void Stat(string cpuLine, int cpus)
    {
        var lines = new List<string> { cpuLine };
        for (var i = 0; i < cpus; i++)
        {
            lines.Add($"cpu{i} 1 2 3 4 5 6 7 8 0 0");
        }

        lines.Add("intr 12345 0 0");
        lines.Add("ctxt 999");
        _dir.File("proc/stat", string.Join('\n', lines) + "\n");
    }

    public void Write(string relative, string content) => _dir.File("proc/" + relative, content);

    public void Delete(string relative) => File.Delete(Path.Combine(ProcRoot, relative));

    public void Dispose() => _dir.Dispose();
}
