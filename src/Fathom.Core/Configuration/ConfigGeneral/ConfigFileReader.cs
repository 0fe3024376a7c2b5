using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>
/// Reads one configuration file within a byte budget, refusing what is not a regular file:
/// opening a FIFO blocks until a writer comes, and /dev/zero never ends.
/// </summary>
internal static class ConfigFileReader
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;

    // stx_mode in struct statx, which (unlike struct stat) is laid out alike on every architecture.
    private const int StatxModeOffset = 28;

    public static byte[] Read(string path, long budget, ConfigLocation at)
    {
        if (Kind(path) is { } kind)
        {
            throw new ConfigException(at, IsMainFile(path, at) ? $"is {kind}, not a regular file" : $"\"{path}\" is {kind}, not a regular file");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var content = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (content.Length + n > budget)
            {
                var what = IsMainFile(path, at) ? "the file" : $"\"{path}\"";
                throw new ConfigException(at, $"{what} makes the configuration larger than {ConfigGeneralReader.MaxTotalBytes / (1024 * 1024)} MiB (with its includes)");
            }

            content.Write(chunk, 0, n);
        }

        return content.ToArray();
    }

    private static bool IsMainFile(string path, ConfigLocation at) => at.Line == 0 && at.File == path;

    /// <summary>What the path is when it is not a regular file; null for a regular file (or when it cannot be looked at).</summary>
    private static string? Kind(string path)
    {
        var buffer = new byte[256];
        if (Libc.statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            return null; // opening it will say why
        }

        return (BitConverter.ToUInt16(buffer, StatxModeOffset) & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "an unknown kind of file",
        };
    }
}
