using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using Fathom.Core.Files;
using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Mmv;

/// <summary>
/// Publishes a <see cref="MetricRegistry"/> as a PCP MMV file DIR/NAME (mmv(5), v2 layout) that
/// pmdammv reads. The file is built in a temp file and renamed into place, so readers never see
/// a partial file; <see cref="Update"/> copies current values into the mapped file in place and
/// rebuilds the whole file when the registry's layout changed. The file names our pid
/// (<see cref="MmvFlags.Process"/>): a file at the path whose owner still runs is never replaced
/// (<see cref="MmvInUseException"/>), a dead owner's is. Dispose removes the file if it is still ours.
/// </summary>
public sealed unsafe class MmvWriter : IDisposable
{
    /// <summary>Preferred PMID cluster for Fathom's metrics (a 12-bit hint; pmdammv picks another if it is taken).</summary>
    public const int DefaultCluster = 3700;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static long s_lastGeneration;

    private readonly MetricRegistry _registry;
    private readonly object _gate = new();
    private MemoryMappedFile? _file;
    private MemoryMappedViewAccessor? _view;
    private byte* _base;
    private MmvValueSlot[] _slots = [];
    private string?[] _written = [];
    private int _layout;
    private FileIdentity? _identity;
    private bool _disposed;

    /// <summary>
    /// Creates DIR (0755) if needed and writes the file; throws <see cref="MmvInUseException"/> when a
    /// running process owns the file there, <see cref="IOException"/> naming the path if it can't write.
    /// </summary>
    public MmvWriter(MetricRegistry registry, string directory, int cluster = DefaultCluster, MmvFlags flags = MmvFlags.Process)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (registry.Name.Length == 0 || registry.Name.Contains('/', StringComparison.Ordinal) || registry.Name is "." or "..")
        {
            throw new ArgumentException($"registry name '{registry.Name}' can't be an MMV file name", nameof(registry));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(cluster);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cluster, MmvFormat.MaxCluster);
        _registry = registry;
        Directory = directory;
        Path = System.IO.Path.Combine(directory, registry.Name);
        Cluster = cluster;
        Flags = flags;
        Build();
    }

    /// <summary>The MMV file, DIR/NAME.</summary>
    public string Path { get; }

    public string Directory { get; }

    public int Cluster { get; }

    public MmvFlags Flags { get; }

    /// <summary>The current file's generation (both header generation numbers); new on every rebuild.</summary>
    public ulong Generation { get; private set; }

    /// <summary>
    /// Copies the registry's values into the file, or rebuilds the file if metrics or domains changed
    /// (<see cref="MmvInUseException"/> if a running process has put its own file at the path since).
    /// </summary>
    public void Update()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_registry.Layout != _layout)
            {
                Build();
                return;
            }

            WriteValues(_base, _slots, _written);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Unmap();
            RemoveIfOurs();
        }
    }

    private static ulong NextGeneration()
    {
        // Time-based like libpcp_mmv, but strictly increasing so two quick rebuilds never share one.
        var now = (TimeProvider.System.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        while (true)
        {
            var last = Interlocked.Read(ref s_lastGeneration);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last)
            {
                return (ulong)next;
            }
        }
    }

    private void Build()
    {
        // Layout first: a change while we read the metrics makes the next Update rebuild again.
        var layout = _registry.Layout;
        var image = new MmvImage(_registry.Metrics);
        var generation = NextGeneration();
        var temp = System.IO.Path.Combine(Directory, $".{_registry.Name}.{Environment.ProcessId}.{generation}.tmp");
        FileStream? stream = null;
        MemoryMappedFile? file = null;
        MemoryMappedViewAccessor? view = null;
        try
        {
            System.IO.Directory.CreateDirectory(Directory, DirectoryMode);
            stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite | FileShare.Delete,
                UnixCreateMode = FileMode,
            });
            stream.SetLength(image.Size);
            var identity = FileCalls.Identity(stream.SafeFileHandle);
            file = MemoryMappedFile.CreateFromFile(stream, null, image.Size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            view = file.CreateViewAccessor(0, image.Size);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            pointer += view.PointerOffset;
            image.WriteMetadata(new Span<byte>(pointer, image.Size), generation, Flags, Environment.ProcessId, Cluster);
            var written = new string?[image.Slots.Length];
            WriteValues(pointer, image.Slots, written);

            // Readers accept the file only when g1 == g2, so g2 goes last, after everything else.
            Thread.MemoryBarrier();
            Volatile.Write(ref Unsafe.AsRef<ulong>(pointer + MmvFormat.Generation2Offset), generation);
            Publish(temp);

            Unmap();
            (_file, _view) = (file, view);
            _base = pointer;
            (_slots, _written, _layout, Generation, _identity) = (image.Slots, written, layout, generation, identity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (view is not null && !ReferenceEquals(view, _view))
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
                view.Dispose();
            }

            if (!ReferenceEquals(file, _file))
            {
                file?.Dispose();
            }

            if (file is null)
            {
                stream?.Dispose();
            }

            TryDelete(temp);
            if (e is MmvInUseException)
            {
                throw;
            }

            throw new IOException($"cannot write MMV file {Path}: {e.Message}", e);
        }
    }

    /// <summary>Moves the finished temp file to the path, unless a running process other than us owns the file there.</summary>
    private void Publish(string temp)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = FileCalls.Identity(Path);
            if (current is null)
            {
                try
                {
                    File.Move(temp, Path, overwrite: false); // link(2): fails if another writer got there first
                    return;
                }
                catch (IOException) when (File.Exists(Path))
                {
                    continue;
                }
            }

            if (!(_identity is { } mine && current.Value.SameFile(mine)) && MmvOwner.LiveOwner(Path) is { } owner)
            {
                throw new MmvInUseException(Path, owner);
            }

            File.Move(temp, Path, overwrite: true);
            return;
        }

        throw new IOException($"{Path} keeps being replaced by another writer");
    }

    private static void WriteValues(byte* baseAddress, MmvValueSlot[] slots, string?[] written)
    {
        for (var s = 0; s < slots.Length; s++)
        {
            var slot = slots[s];
            var metric = slot.Metric;
            var at = baseAddress + slot.Offset;
            switch (metric.Type)
            {
                case MetricType.I32 or MetricType.U32:
                    // 32-bit types sit in the low 4 bytes of the pmAtomValue.
                    Volatile.Write(ref Unsafe.AsRef<int>(at), (int)metric.Raw(slot.Index));
                    break;
                case MetricType.Float:
                    Volatile.Write(ref Unsafe.AsRef<float>(at), (float)BitConverter.Int64BitsToDouble(metric.Raw(slot.Index)));
                    break;
                case MetricType.String:
                    WriteString(baseAddress, slot, ref written[s]);
                    break;
                default:
                    Volatile.Write(ref Unsafe.AsRef<long>(at), metric.Raw(slot.Index));
                    break;
            }
        }
    }

    private static void WriteString(byte* baseAddress, MmvValueSlot slot, ref string? written)
    {
        var text = slot.Metric.String(slot.Index) ?? string.Empty;
        if (ReferenceEquals(text, written))
        {
            return;
        }

        // Like libpcp_mmv: the text is copied in place, and value.ll holds its length.
        var length = MmvStrings.Encode(text, new Span<byte>(baseAddress + slot.StringOffset, MmvFormat.StringSize));
        Volatile.Write(ref Unsafe.AsRef<long>(baseAddress + slot.Offset), length);
        written = text;
    }

    private void Unmap()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }

        _file?.Dispose();
        (_view, _file) = (null, null);
        _base = null;
    }

    /// <summary>Deletes DIR/NAME only while it is still the file we created and names our pid.</summary>
    private void RemoveIfOurs()
    {
        try
        {
            if (_identity is not { } mine || FileCalls.Identity(Path) is not { } now || !now.SameFile(mine))
            {
                return;
            }

            Span<byte> header = stackalloc byte[MmvFormat.HeaderSize];
            using (var stream = new FileStream(Path, System.IO.FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
                    || BitConverter.ToInt32(header[MmvFormat.ProcessOffset..]) != Environment.ProcessId)
                {
                    return;
                }
            }

            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone or not ours to remove: nothing left to clean up.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temp file may not exist yet; the original error is what matters.
        }
    }
}
