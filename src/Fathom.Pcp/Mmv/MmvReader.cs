namespace Fathom.Pcp.Mmv;

/// <summary>Reads MMV files (v1, v2 and v3 with labels) as written by libpcp_mmv, Parfait, Speed, Hornet or <see cref="MmvWriter"/>.</summary>
public static class MmvReader
{
    /// <summary>Largest file we read: far beyond any real registry, and it keeps offsets in int range.</summary>
    public const long MaxFileSize = 256L * 1024 * 1024;

    /// <summary>Reads a snapshot of the file; a malformed file throws <see cref="MmvFormatException"/> naming the path.</summary>
    public static MmvFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] data;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.Length > MaxFileSize)
            {
                throw new MmvFormatException(path, $"file is {stream.Length} bytes, more than the {MaxFileSize} this reader accepts");
            }

            data = new byte[stream.Length];
            var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
            if (read < data.Length)
            {
                data = data[..read];
            }
        }

        return Parse(data, path);
    }

    /// <summary>Parses file contents; <paramref name="path"/> names the file in errors and gives the metric prefix.</summary>
    public static MmvFile Parse(ReadOnlySpan<byte> data, string path) => new MmvParser(data.ToArray(), path).Parse();
}
