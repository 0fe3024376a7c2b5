using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Tests;

public sealed class PcpUnitsTextTests
{
    /// <summary>Expected texts are what pmUnitsStr(3) of PCP 6.0.3 prints for the same units.</summary>
    [Theory]
    [InlineData(0, 0, 0, 0, 0, 0, "")]
    [InlineData(1, 0, 0, 0, 0, 0, "byte")]
    [InlineData(1, 0, 0, 1, 0, 0, "Kbyte")]
    [InlineData(1, -1, 0, 1, 3, 0, "Kbyte / sec")]
    [InlineData(0, 1, 0, 0, 2, 0, "millisec")]
    [InlineData(0, 1, 0, 0, 1, 0, "microsec")]
    [InlineData(0, 1, 0, 0, 0, 0, "nanosec")]
    [InlineData(0, 1, 0, 0, 4, 0, "min")]
    [InlineData(0, 1, 0, 0, 5, 0, "hour")]
    [InlineData(0, 1, 0, 0, 7, 0, "time-7")]
    [InlineData(0, 0, 1, 0, 0, 0, "count")]
    [InlineData(0, -1, 1, 0, 3, 0, "count / sec")]
    [InlineData(0, 0, 1, 0, 0, 3, "count x 10^3")]
    [InlineData(0, 0, 1, 0, 0, -2, "count x 10^-2")]
    [InlineData(0, -1, 1, 0, 3, 3, "count x 10^3 / sec")]
    [InlineData(0, 0, 2, 0, 0, 1, "count x 10^2")]
    [InlineData(0, 0, -2, 0, 0, 0, "/ count^2")]
    [InlineData(1, 0, -1, 0, 0, 1, "byte / count x 10")]
    [InlineData(2, 0, 0, 2, 0, 0, "Mbyte^2")]
    [InlineData(0, -2, 0, 0, 0, 0, "/ nanosec^2")]
    [InlineData(1, 1, 1, 1, 2, 0, "Kbyte millisec count")]
    [InlineData(-1, 1, 0, 3, 2, 0, "millisec / Gbyte")]
    [InlineData(1, 0, 0, 8, 0, 0, "Ybyte")]
    [InlineData(1, 0, 0, 9, 0, 0, "space-9")]
    public void Format_Units_MatchesPmUnitsStr(int dimSpace, int dimTime, int dimCount, int scaleSpace, int scaleTime, int scaleCount, string expected)
    {
        var units = MetricUnits.FromPacked(new MetricUnits(dimSpace, dimTime, dimCount, scaleSpace, scaleTime, scaleCount).Packed);

        Assert.Equal(expected, PcpUnitsText.Format(units));
    }
}
