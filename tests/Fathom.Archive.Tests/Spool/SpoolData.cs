using Fathom.Core.Measurements;

namespace Fathom.Archive.Tests.Spool;

/// <summary>Batches of every kind of measurement, and an exact comparison (doubles by their bits).</summary>
internal static class SpoolData
{
    private static readonly SeriesKey[] Keys =
    [
        Data.Key("ping.rtt.avg", "ms", ("collector", "p1"), ("target", "198.18.0.1")),
        Data.Key("host.cpu.user", "percent", ("collector", "host")),
        Data.Key("script.value", ""),
        Data.Key("tcp.connect", "ms", ("collector", "tcp"), ("target", "fd00::1"), ("zone", "ünïcødé ✓")),
    ];

    private static readonly double[] Specials =
        [double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF), -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, 1.5];

    public static Measurement[] Batch(Random random, int samples, bool mixed = true)
    {
        var list = new List<Measurement>(samples + 2);
        var t = Data.T0 + (random.NextInt64(0, 1_000_000) * Data.Second);
        for (var i = 0; i < samples; i++)
        {
            var v = random.Next(4) == 0 ? Specials[random.Next(Specials.Length)] : random.NextDouble() * 1000;
            t += random.Next(-3, 1000) * 1_000_000L;
            list.Add(Data.Point(Keys[random.Next(Keys.Length)], t, v));
        }

        if (mixed && random.Next(3) == 0)
        {
            list.Insert(random.Next(list.Count + 1), Data.Event("trace.path", t - 7, "{\"hops\":[1,2,3]}", ("collector", "trace")));
        }

        if (mixed && random.Next(3) == 0)
        {
            // A previous observation time or none (records of older versions).
            var status = Data.Status("eth0", t + 9, "up", random.Next(2) == 0 ? null : "normal").Status with
            {
                PreviousUnixNs = random.Next(3) switch { 0 => null, 1 => 0, _ => t - random.Next(1, 100_000) },
            };
            list.Insert(random.Next(list.Count + 1), Measurement.Of(status));
        }

        return [.. list];
    }

    public static void Equal(IReadOnlyList<Measurement> expected, IReadOnlyList<Measurement> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Describe(expected[i]), Describe(actual[i]));
        }
    }

    public static string Describe(Measurement m) => m.Kind switch
    {
        MeasurementKind.Sample => $"S {m.Sample.Series.Canonical} [{m.Sample.Series.Unit}] {m.Sample.TimeUnixNs} {BitConverter.DoubleToInt64Bits(m.Sample.Value):X16}",
        MeasurementKind.Event => $"E {m.Event.Name} {string.Join(',', m.Event.Tags.Select(t => t.Key + "=" + t.Value))} {m.Event.TimeUnixNs} {m.Event.Json}",
        _ => $"T {m.Status.Element} {m.Status.TimeUnixNs} {m.Status.Oper} {m.Status.Admin ?? "<null>"} prev {m.Status.PreviousUnixNs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<null>"}",
    };
}
