using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Fathom.Archive.Sqlite;

/// <summary>UTF-8 helpers for the binding: NUL-terminated copies for SQL and C strings back to .NET.</summary>
internal static unsafe class Utf8Text
{
    public static byte[] NulTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    public static string FromC(byte* text) =>
        text is null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";

    /// <summary>Encodes into a caller's stack buffer when it fits, else into a rented array.</summary>
    public static Span<byte> Encode(ReadOnlySpan<char> text, Span<byte> stackBuffer, out byte[]? rented)
    {
        rented = null;
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var target = stackBuffer;
        if (max > stackBuffer.Length)
        {
            var exact = Encoding.UTF8.GetByteCount(text);
            if (exact > stackBuffer.Length)
            {
                rented = ArrayPool<byte>.Shared.Rent(exact);
                target = rented;
            }
        }

        var written = Encoding.UTF8.GetBytes(text, target);
        return target[..written];
    }
}
