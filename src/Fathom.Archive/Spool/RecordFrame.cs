using System.Buffers.Binary;

namespace Fathom.Archive.Spool;

/// <summary>
/// A record on disk: magic (4), payload length (u32), CRC-32C of magic, length and payload (u32),
/// then the payload: version (1), sequence (i64), appended time (i64), measurement count (i32), batch.
/// All little-endian.
/// </summary>
internal static class RecordFrame
{
    public const int HeaderBytes = 12;
    public const int PrefixBytes = 21;
    public const byte Version = 1;

    // Bytes that are neither small integers nor ASCII, so a resync rarely stops on data.
    public static ReadOnlySpan<byte> Magic => [0xF5, 0x9C, 0x3E, 0xA7];

    // No batch gets near this; a larger length is corruption, whatever the file holds.
    public const int MaxPayloadBytes = 256 << 20;

    public static uint Checksum(ReadOnlySpan<byte> headerFirst8, ReadOnlySpan<byte> payload) =>
        Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, headerFirst8), payload));

    /// <summary>Fills in sequence, time, length and CRC of an encoded record (header and payload in <paramref name="record"/>).</summary>
    public static void Seal(Span<byte> record, long sequence, long appendedUnixNs)
    {
        var payload = record[HeaderBytes..];
        BinaryPrimitives.WriteInt64LittleEndian(payload[1..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(payload[9..], appendedUnixNs);
        Magic.CopyTo(record);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], Checksum(record[..8], payload));
    }

    /// <summary>The payload length a header announces, if it is a header at all; not yet checked against the bytes present.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out int payloadLength, out uint crc)
    {
        payloadLength = 0;
        crc = 0;
        if (header.Length < HeaderBytes || !header[..4].SequenceEqual(Magic))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length < PrefixBytes || length > MaxPayloadBytes)
        {
            return false;
        }

        payloadLength = (int)length;
        crc = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        return true;
    }

    /// <summary>Checks the CRC and version of a whole record and reads its prefix.</summary>
    public static bool TryVerify(ReadOnlySpan<byte> header, uint crc, ReadOnlySpan<byte> payload, out long sequence, out long appendedUnixNs, out int measurements)
    {
        sequence = appendedUnixNs = 0;
        measurements = 0;
        if (Checksum(header[..8], payload) != crc || payload[0] != Version)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64LittleEndian(payload[1..]);
        appendedUnixNs = BinaryPrimitives.ReadInt64LittleEndian(payload[9..]);
        measurements = BinaryPrimitives.ReadInt32LittleEndian(payload[17..]);
        return sequence > 0 && measurements >= 0;
    }
}
