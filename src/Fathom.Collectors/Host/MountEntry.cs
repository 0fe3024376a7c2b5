using System.Text;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Host;

/// <summary>A mount point's identity (device, fs type), its NUL-terminated path and its series.</summary>
internal sealed class MountEntry(string mountPoint, string device, string fsType, bool included) : CachedEntry(mountPoint)
{
    public string Device { get; } = device;

    public string FsType { get; } = fsType;

    public bool Included { get; } = included;

    public byte[] PathZ { get; } = Encoding.UTF8.GetBytes(mountPoint + "\0");

    public SeriesKey[]? Series { get; set; }

    /// <summary>Index in this run's candidate list, valid while <see cref="CandidateRun"/> is the current run.</summary>
    public int CandidateIndex { get; set; }

    public int CandidateRun { get; set; }
}
