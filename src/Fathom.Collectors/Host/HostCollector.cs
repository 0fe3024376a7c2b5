using Fathom.Core.Collectors;

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
        var procRoot = config.ResolvePath(config.GetString("proc_root", "/proc"));
        if (!Directory.Exists(procRoot))
        {
            throw config.Error("proc_root", $"'{procRoot}' is not a directory");
        }

        var interfaces = NameFilter.FromConfig(config, "interfaces", absolute: false);
        var devices = NameFilter.FromConfig(config, "devices", absolute: false);
        var mounts = NameFilter.FromConfig(config, "mounts", absolute: true);
        _cpu = new CpuReader(procRoot);
        _load = new LoadReader(procRoot);
        _mem = new MemReader(procRoot);
        _net = new NetDevReader(procRoot, interfaces);
        _disk = new DiskStatsReader(procRoot, devices);
        _fs = new FileSystemReader(procRoot, mounts);
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
