using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Host;

/// <summary>
/// CPU, load, memory, network, disk and file system figures of this host, read from /proc and
/// statvfs without running anything; built to be cheap enough to run every second.
/// </summary>
internal sealed class HostCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } =
        new("host", ["interfaces", "devices", "mounts", "proc_root"], static () => new HostCollector());

    private CpuReader? _cpu;
    private LoadReader? _load;
    private MemReader? _mem;
    private NetDevReader? _net;
    private DiskStatsReader? _disk;
    private FileSystemReader? _fs;

    public void Init(CollectorConfig config)
    {
        // Every key on its own, so every mistake of the block is reported at once.
        var problems = new ConfigProblems();
        var procRoot = problems.Read(() => ProcRoot(config), "/proc");
        var interfaces = problems.Read(() => NameFilter.FromConfig(config, "interfaces", absolute: false), NameFilter.All);
        var devices = problems.Read(() => NameFilter.FromConfig(config, "devices", absolute: false), NameFilter.All);
        var mounts = problems.Read(() => NameFilter.FromConfig(config, "mounts", absolute: true), NameFilter.All);
        problems.ThrowIfAny();
        _cpu = new CpuReader(procRoot);
        _load = new LoadReader(procRoot);
        _mem = new MemReader(procRoot);
        _net = new NetDevReader(procRoot, interfaces);
        _disk = new DiskStatsReader(procRoot, devices);
        _fs = new FileSystemReader(procRoot, mounts);
    }

    private static string ProcRoot(CollectorConfig config)
    {
        var procRoot = config.ResolvePath(config.GetString("proc_root", "/proc"));
        return Directory.Exists(procRoot) ? procRoot : throw config.Error("proc_root", $"'{procRoot}' is not a directory");
    }

    public ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        if (_cpu is null)
        {
            throw new InvalidOperationException("Init was not called");
        }

        var now = context.SampleTimeUnixNs();
        _cpu.Collect(context, now);
        _load!.Collect(context, now);
        _mem!.Collect(context, now);
        _net!.Collect(context, now);
        _disk!.Collect(context, now);
        cancellationToken.ThrowIfCancellationRequested();
        _fs!.Collect(context, now);
        return ValueTask.FromResult(CollectOutcome.Default);
    }
}
