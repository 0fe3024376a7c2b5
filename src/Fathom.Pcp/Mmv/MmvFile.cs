namespace Fathom.Pcp.Mmv;

/// <summary>The contents of an MMV file (mmv(5)) as read by <see cref="MmvReader"/>.</summary>
public sealed record MmvFile(
    string Path,
    int Version,
    ulong Generation,
    MmvFlags Flags,
    int ProcessId,
    int Cluster,
    IReadOnlyList<MmvMetric> Metrics,
    IReadOnlyList<MmvInstanceDomain> InstanceDomains,
    IReadOnlyList<MmvLabel> Labels)
{
    /// <summary>The prefix pmdammv puts before metric names: the file's name, or nothing with <see cref="MmvFlags.NoPrefix"/>.</summary>
    public string Prefix => Flags.HasFlag(MmvFlags.NoPrefix) ? string.Empty : System.IO.Path.GetFileName(Path);

    /// <summary>A metric's name as PCP tools show it below "mmv.", e.g. "fathom.cpu.total".</summary>
    public string FullName(MmvMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Prefix.Length == 0 ? metric.Name : $"{Prefix}.{metric.Name}";
    }
}
