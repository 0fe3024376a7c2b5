using System.Buffers.Binary;
using System.Globalization;

namespace Fathom.Archive.Files;

/// <summary>
/// Reads the SQLite header bytes of a file directly, for when SQLite refuses the file: whether it
/// is a Fathom archive (application id) and whether it is shorter than its header says.
/// </summary>
internal static class ArchiveHeader
{
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>What is known about a file SQLite could not read, or null when its header is not a Fathom archive's.</summary>
    public static string? DescribeDamage(string path)
    {
        var header = new byte[100];
        long size;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            size = file.Length;
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(68)) != ArchiveSchema.ApplicationId)
        {
            return null;
        }

        // Page size 1 means 65536; the page count is valid when "version valid for" equals the change counter.
        long pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) is var p && p == 1 ? 65536 : p;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var valid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        return valid && pages * pageSize > size
            ? string.Create(CultureInfo.InvariantCulture, $"the file is truncated: {size} bytes, its header says {pages * pageSize} ({pages} pages of {pageSize})")
            : "its pages do not form a readable database";
    }
}
