using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Archive.Spool;

/// <summary>
/// The acknowledgement watermark between state-file writes: 16-byte entries (watermark, CRC-32C of
/// it, a marker) appended and fsynced, one per acknowledgement. One fsync of a small append costs
/// less than half of replacing the state file (temp file, fsync, rename; BENCHMARKS.md "Spool").
/// At <see cref="CompactBytes"/> the watermark goes into the state file and the log starts empty.
/// A torn or corrupt entry is ignored: the highest valid one counts (watermarks only grow).
/// </summary>
internal sealed class AckLog : IDisposable
{
    public const string FileName = "spool.acks";
    public const int EntryBytes = 16;
    public const long CompactBytes = 64 * 1024;
    private const uint Marker = 0xA5C7_0A11;

    private readonly SafeFileHandle _handle;

    public AckLog(string folder)
    {
        _handle = File.OpenHandle(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite);
        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; private set; }

    /// <summary>The highest valid watermark in the log (0 when none).</summary>
    public long ReadHighest()
    {
        long highest = 0;
        var buffer = new byte[EntryBytes * 1024];
        for (long at = 0; at + EntryBytes <= Length; at += buffer.Length)
        {
            var n = RandomAccess.Read(_handle, buffer, at);
            for (var i = 0; i + EntryBytes <= n; i += EntryBytes)
            {
                var e = buffer.AsSpan(i, EntryBytes);
                var ack = BinaryPrimitives.ReadInt64LittleEndian(e);
                if (BinaryPrimitives.ReadUInt32LittleEndian(e[12..]) == Marker && BinaryPrimitives.ReadUInt32LittleEndian(e[8..]) == Crc32C.Compute(e[..8]))
                {
                    highest = Math.Max(highest, ack);
                }
            }
        }

        return highest;
    }

    public void Append(long acknowledged)
    {
        Span<byte> e = stackalloc byte[EntryBytes];
        BinaryPrimitives.WriteInt64LittleEndian(e, acknowledged);
        BinaryPrimitives.WriteUInt32LittleEndian(e[8..], Crc32C.Compute(e[..8]));
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], Marker);
        try
        {
            RandomAccess.Write(_handle, e, Length);
            SpoolFiles.SyncData(_handle);
        }
        catch
        {
            // A part written is ignored on read (bad CRC); the next entry goes after it.
            Length = RandomAccess.GetLength(_handle);
            throw;
        }

        Length += EntryBytes;
    }

    /// <summary>Empties the log (once its watermark is in the state file).</summary>
    public void Clear()
    {
        RandomAccess.SetLength(_handle, 0);
        RandomAccess.FlushToDisk(_handle);
        Length = 0;
    }

    public void Dispose() => _handle.Dispose();
}
