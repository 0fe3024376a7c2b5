namespace Fathom.Core.Instrumentation;

/// <summary>
/// PCP's pmUnits: dimensions of space, time and count (-8..7 each) and their scales
/// (PM_SPACE_*, PM_TIME_*, PM_COUNT_*). <see cref="Packed"/> is the 32-bit word as PCP lays
/// out the bit fields on little-endian machines.
/// </summary>
public readonly record struct MetricUnits(int DimSpace, int DimTime, int DimCount, int ScaleSpace, int ScaleTime, int ScaleCount)
{
    public const int SpaceByte = 0;
    public const int SpaceKByte = 1;
    public const int TimeNSec = 0;
    public const int TimeUSec = 1;
    public const int TimeMSec = 2;
    public const int TimeSec = 3;

    public static MetricUnits None => default;

    public static MetricUnits Count => new(0, 0, 1, 0, 0, 0);

    public static MetricUnits Bytes => new(1, 0, 0, SpaceByte, 0, 0);

    public static MetricUnits KBytes => new(1, 0, 0, SpaceKByte, 0, 0);

    public static MetricUnits Milliseconds => new(0, 1, 0, 0, TimeMSec, 0);

    public static MetricUnits Microseconds => new(0, 1, 0, 0, TimeUSec, 0);

    /// <summary>pad:8 | scaleCount:4 | scaleTime:4 | scaleSpace:4 | dimCount:4 | dimTime:4 | dimSpace:4, low to high bits.</summary>
    public uint Packed =>
        ((uint)(DimSpace & 0xF) << 28) | ((uint)(DimTime & 0xF) << 24) | ((uint)(DimCount & 0xF) << 20)
        | ((uint)(ScaleSpace & 0xF) << 16) | ((uint)(ScaleTime & 0xF) << 12) | ((uint)(ScaleCount & 0xF) << 8);

    public static MetricUnits FromPacked(uint p) => new(
        SignExtend(p >> 28), SignExtend(p >> 24), SignExtend(p >> 20), (int)((p >> 16) & 0xF), (int)((p >> 12) & 0xF), SignExtend(p >> 8));

    private static int SignExtend(uint nibble)
    {
        var v = (int)(nibble & 0xF);
        return v >= 8 ? v - 16 : v;
    }
}
