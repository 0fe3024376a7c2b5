using System.Globalization;

namespace Fathom.Core.Storage.Delivery;

/// <summary>Sizes as the config writes them: a number of bytes with an optional K, M, G or T (powers of 1024), e.g. 512M, 2G.</summary>
internal static class ByteSizeText
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var s = text.Trim();
        if (s.EndsWith('B') || s.EndsWith('b'))
        {
            s = s[..^1];
        }

        long unit = 1;
        if (s.Length > 0 && char.IsAsciiLetter(s[^1]))
        {
            unit = char.ToUpperInvariant(s[^1]) switch
            {
                'K' => 1L << 10,
                'M' => 1L << 20,
                'G' => 1L << 30,
                'T' => 1L << 40,
                _ => 0,
            };
            s = s[..^1];
        }

        if (unit == 0 || !double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0 || n * unit > long.MaxValue / 2)
        {
            return false;
        }

        bytes = (long)(n * unit);
        return true;
    }
}
