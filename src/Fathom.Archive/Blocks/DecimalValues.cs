namespace Fathom.Archive.Blocks;

/// <summary>
/// Finds whether every value of a block is an integer over one power of ten (counters, states,
/// gauges with a few decimals), exactly as division gives it back, so it can be stored as the
/// integer's deltas instead of XOR'd doubles.
/// </summary>
internal static class DecimalValues
{
    public const int MaxDigits = 6;

    // |n| below 2^53: every such integer is an exact double.
    private const double MaxMagnitude = 9_007_199_254_740_992.0;

    private static readonly double[] Scale = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>The fewest decimal digits that represent every value exactly, or -1.</summary>
    public static int DigitsOf(ReadOnlySpan<double> values)
    {
        var digits = 0;
        foreach (var value in values)
        {
            digits = DigitsFor(value, digits);
            if (digits < 0)
            {
                return -1;
            }
        }

        return digits;
    }

    /// <summary>The fewest decimal digits, at least <paramref name="atLeast"/>, that represent the value exactly, or -1.</summary>
    public static int DigitsFor(double value, int atLeast)
    {
        var digits = atLeast;
        while (!IsExact(value, digits))
        {
            if (++digits > MaxDigits)
            {
                return -1;
            }
        }

        return digits;
    }

    public static long ToInteger(double value, int digits) => (long)Math.Round(value * Scale[digits]);

    public static double FromInteger(long integer, int digits) => integer / Scale[digits];

    private static bool IsExact(double value, int digits)
    {
        // -0.0 would come back as +0.0, and NaN or infinities not at all.
        if (!double.IsFinite(value) || (value == 0 && double.IsNegative(value)))
        {
            return false;
        }

        var scaled = Math.Round(value * Scale[digits]);
        return Math.Abs(scaled) < MaxMagnitude
            && BitConverter.DoubleToInt64Bits(FromInteger((long)scaled, digits)) == BitConverter.DoubleToInt64Bits(value);
    }
}
