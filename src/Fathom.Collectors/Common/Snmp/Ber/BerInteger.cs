namespace Fathom.Collectors.Common.Snmp.Ber;

/// <summary>Two's complement INTEGER contents (X.690 §8.3), with overflow refused rather than wrapped.</summary>
internal static class BerInteger
{
    public static bool TryReadSigned(ReadOnlySpan<byte> content, out long value)
    {
        value = 0;
        if (content.IsEmpty || content.Length > 8)
        {
            return false;
        }

        long result = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++)
        {
            result = (result << 8) | content[i];
        }

        value = result;
        return true;
    }

    /// <summary>A non-negative INTEGER of at most <paramref name="maxBytes"/> value bytes (4 for the 32-bit types, 8 for Counter64).</summary>
    public static bool TryReadUnsigned(ReadOnlySpan<byte> content, int maxBytes, out ulong value)
    {
        value = 0;
        if (content.IsEmpty || (content[0] & 0x80) != 0)
        {
            return false;
        }

        // One leading zero is needed when the top bit of the value is set.
        if (content.Length > 1 && content[0] == 0)
        {
            content = content[1..];
        }

        if (content.Length > maxBytes)
        {
            return false;
        }

        ulong result = 0;
        foreach (var b in content)
        {
            result = (result << 8) | b;
        }

        value = result;
        return true;
    }

    /// <summary>Bytes the minimal encoding of <paramref name="value"/> takes.</summary>
    public static int SignedLength(long value)
    {
        var length = 1;
        while (length < 8 && (value >> ((length * 8) - 1)) is not (0 or -1))
        {
            length++;
        }

        return length;
    }

    /// <summary>Bytes the minimal encoding of a non-negative <paramref name="value"/> takes (a leading 0 when the top bit is set).</summary>
    public static int UnsignedLength(ulong value)
    {
        for (var length = 1; length < 9; length++)
        {
            if (value >> ((length * 8) - 1) == 0)
            {
                return length;
            }
        }

        return 9;
    }
}
