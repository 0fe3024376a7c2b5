using System.Text;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.Core.Native;

namespace Fathom.Collectors.Host;

/// <summary>
/// host.fs.* per mounted file system from /proc/self/mountinfo and statvfs, choosing mounts like
/// df without -a: no pseudo file systems, none with zero blocks, one mount per device.
/// </summary>
internal sealed class FileSystemReader
{
    private static readonly string[] Names = ["size", "used", "available", "inodes", "inodes_used", "inodes_free"];
    private static readonly string[] SeriesUnits = [Units.Bytes, Units.Bytes, Units.Bytes, Units.Count, Units.Count, Units.Count];

    private readonly ProcFile _file;
    private readonly NameFilter _filter;
    private readonly NamedCache<MountEntry> _cache;
    private readonly List<MountCandidate> _candidates = [];
    private readonly Dictionary<ulong, int> _byDevice = [];
    private readonly byte[] _decoded = new byte[4096];
    private readonly char[] _mountChars = new char[4096];
    private readonly char[] _sourceChars = new char[4096];
    private readonly char[] _typeChars = new char[256];
    private int _run;

    public FileSystemReader(string procRoot, NameFilter filter)
    {
        _file = new(Path.Combine(procRoot, "self", "mountinfo"));
        _filter = filter;
        _cache = new(name => new MountEntry(name, "", "", included: false));
    }

    public void Collect(CollectContext context, long now)
    {
        if (!_file.TryRead(context.ReportProblem, out var content))
        {
            return;
        }

        _run++;
        _cache.BeginRun();
        _candidates.Clear();
        _byDevice.Clear();
        var lineNumber = 0;
        while (SpanText.NextLine(ref content, out var line))
        {
            lineNumber++;
            if (!MountInfoLine.TryParse(line, out var m))
            {
                context.ReportProblem($"{_file.Path} line {lineNumber}: malformed mount line");
                continue;
            }

            if (!IsDummy(m.FsType))
            {
                Consider(m);
            }
        }

        _cache.EndRun();
        foreach (var c in _candidates)
        {
            Emit(context, c.Entry, now);
        }
    }

    private void Consider(in MountInfoLine m)
    {
        var mountPoint = Decode(m.MountPoint, _mountChars);
        var source = Decode(m.Source, _sourceChars);
        var fsType = Decode(m.FsType, _typeChars);
        var entry = _cache.Get(mountPoint);
        var slot = entry.CandidateRun == _run ? entry.CandidateIndex : -1;
        if (!source.SequenceEqual(entry.Device) || !fsType.SequenceEqual(entry.FsType))
        {
            entry = _cache.Replace(new MountEntry(entry.Name, source.ToString(), fsType.ToString(), _filter.Includes(mountPoint)));
        }

        if (!entry.Included)
        {
            return;
        }

        var candidate = new MountCandidate(entry, m.Device, m.Root.Length, source.Contains('/'));
        if (slot >= 0)
        {
            _candidates[slot] = candidate; // mounted over: the later mount is the visible one
            Claim(entry, slot);
        }
        else if (_byDevice.TryGetValue(m.Device, out var index))
        {
            if (candidate.Beats(_candidates[index]))
            {
                _candidates[index].Entry.CandidateRun = 0;
                _candidates[index] = candidate;
                Claim(entry, index);
            }
        }
        else
        {
            _byDevice[m.Device] = _candidates.Count;
            Claim(entry, _candidates.Count);
            _candidates.Add(candidate);
        }
    }

    private void Claim(MountEntry entry, int index)
    {
        entry.CandidateRun = _run;
        entry.CandidateIndex = index;
    }

    private static void Emit(CollectContext context, MountEntry entry, long now)
    {
        var error = StatVfs.Query(entry.PathZ, out var s);
        if (error != 0)
        {
            // Mounts come and go, and some are not ours to look into: those are not problems.
            if (error is not (2 or 13 or 1))
            {
                context.ReportProblem($"statvfs {entry.Name}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(error)}");
            }

            return;
        }

        if (s.Blocks == 0)
        {
            return;
        }

        entry.Series ??= Build(context, entry);
        var frsize = (double)s.FragmentSize;
        context.Emit(entry.Series[0], s.Blocks * frsize, now);
        context.Emit(entry.Series[1], (s.Blocks - s.BlocksFree) * frsize, now);
        context.Emit(entry.Series[2], s.BlocksAvailable * frsize, now);
        context.Emit(entry.Series[3], s.Files, now);
        context.Emit(entry.Series[4], s.Files - s.FilesFree, now);
        context.Emit(entry.Series[5], s.FilesFree, now);
    }

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> field, char[] buffer)
    {
        var n = SpanText.UnescapeOctal(field, _decoded);
        var bytes = _decoded.AsSpan(0, Math.Min(n, buffer.Length));
        return buffer.AsSpan(0, Encoding.UTF8.GetChars(bytes, buffer));
    }

    // gnulib's ME_DUMMY list (what df hides without -a), plus "none".
    private static bool IsDummy(ReadOnlySpan<byte> t) =>
        t.SequenceEqual("autofs"u8) || t.SequenceEqual("proc"u8) || t.SequenceEqual("subfs"u8)
        || t.SequenceEqual("debugfs"u8) || t.SequenceEqual("devpts"u8) || t.SequenceEqual("fusectl"u8)
        || t.SequenceEqual("fuse.portal"u8) || t.SequenceEqual("mqueue"u8) || t.SequenceEqual("rpc_pipefs"u8)
        || t.SequenceEqual("sysfs"u8) || t.SequenceEqual("devfs"u8) || t.SequenceEqual("kernfs"u8)
        || t.SequenceEqual("ignore"u8) || t.SequenceEqual("none"u8);

    private static SeriesKey[] Build(CollectContext context, MountEntry entry)
    {
        ReadOnlySpan<KeyValuePair<string, string>> tags =
            [new("mount", entry.Name), new("device", entry.Device), new("fstype", entry.FsType)];
        var series = new SeriesKey[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            series[i] = context.Series("host.fs." + Names[i], SeriesUnits[i], tags);
        }

        return series;
    }
}
