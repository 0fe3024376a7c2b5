using System.Globalization;
using Fathom.Core.Instrumentation;

namespace Fathom.Pcp;

/// <summary>Units in PCP's words, as pmUnitsStr(3) prints them: "Kbyte", "millisec", "count x 10^3 / sec", "" for none.</summary>
public static class PcpUnitsText
{
    private static readonly string[] Space = ["byte", "Kbyte", "Mbyte", "Gbyte", "Tbyte", "Pbyte", "Ebyte", "Zbyte", "Ybyte"];
    private static readonly string[] Time = ["nanosec", "microsec", "millisec", "sec", "min", "hour"];

    public static string Format(MetricUnits units)
    {
        var above = new List<string>();
        var below = new List<string>();
        Add(units.DimSpace, ScaleName(units.ScaleSpace, Space, "space"));
        Add(units.DimTime, ScaleName(units.ScaleTime, Time, "time"));
        if (units.DimCount != 0)
        {
            // pmUnitsStr folds the count's power into the exponent: "count x 10^6" rather than "count^2 x 10^3".
            var exponent = units.ScaleCount * Math.Abs(units.DimCount);
            var count = units.ScaleCount == 0 ? Power("count", units.DimCount)
                : exponent == 1 ? "count x 10"
                : "count x 10^" + exponent.ToString(CultureInfo.InvariantCulture);
            (units.DimCount > 0 ? above : below).Add(count);
        }

        var text = string.Join(' ', above);
        return below.Count == 0 ? text : (text.Length == 0 ? "/ " : text + " / ") + string.Join(' ', below);

        void Add(int dim, string name)
        {
            if (dim != 0)
            {
                (dim > 0 ? above : below).Add(Power(name, dim));
            }
        }
    }

    private static string ScaleName(int scale, string[] names, string kind) =>
        scale >= 0 && scale < names.Length ? names[scale] : kind + "-" + scale.ToString(CultureInfo.InvariantCulture);

    private static string Power(string name, int dim) =>
        Math.Abs(dim) == 1 ? name : name + "^" + Math.Abs(dim).ToString(CultureInfo.InvariantCulture);
}
