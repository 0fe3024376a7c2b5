using System.Buffers.Text;

namespace Fathom.Collectors.Host;

/// <summary>Allocation-free tokenising of /proc text held in byte spans.</summary>
internal static class SpanText
{
    /// <summary>Takes the next line (without its '\n') off <paramref name="rest"/>.</summary>
    public static bool NextLine(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        if (rest.IsEmpty)
        {
            line = default;
            return false;
        }

        var end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            line = rest;
            rest = default;
        }
        else
        {
            line = rest[..end];
            rest = rest[(end + 1)..];
        }

        return true;
    }

    /// <summary>Takes the next space/tab separated token off <paramref name="rest"/>; empty at the end.</summary>
    public static ReadOnlySpan<byte> NextToken(scoped ref ReadOnlySpan<byte> rest)
    {
        var start = 0;
        while (start < rest.Length && IsBlank(rest[start]))
        {
            start++;
        }

        var end = start;
        while (end < rest.Length && !IsBlank(rest[end]))
        {
            end++;
        }

        var token = rest[start..end];
        rest = rest[end..];
        return token;
    }

    public static bool TryParseUInt64(ReadOnlySpan<byte> text, out ulong value) =>
        Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && used > 0;

    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value) =>
        Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && used > 0;

    /// <summary>Reads as many unsigned numbers as <paramref name="values"/> holds; false if any is missing or malformed.</summary>
    public static bool TryParseFields(ref ReadOnlySpan<byte> rest, Span<ulong> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!TryParseUInt64(NextToken(ref rest), out values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Latin-1/ASCII widening into a char buffer: /proc names are ASCII in practice.</summary>
    public static ReadOnlySpan<char> ToChars(ReadOnlySpan<byte> bytes, Span<char> buffer)
    {
        var n = Math.Min(bytes.Length, buffer.Length);
        for (var i = 0; i < n; i++)
        {
            buffer[i] = (char)bytes[i];
        }

        return buffer[..n];
    }

    /// <summary>Undoes the octal escapes (\040 for space) of /proc mount fields; returns the length.</summary>
    public static int UnescapeOctal(ReadOnlySpan<byte> field, Span<byte> output)
    {
        var n = 0;
        for (var i = 0; i < field.Length && n < output.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                output[n++] = (byte)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0'));
                i += 3;
            }
            else
            {
                output[n++] = field[i];
            }
        }

        return n;
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';
}
