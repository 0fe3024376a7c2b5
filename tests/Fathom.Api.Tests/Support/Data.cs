using Fathom.Core.Measurements;

namespace Fathom.Api.Tests.Support;

/// <summary>Builders for measurements written through <see cref="ApiHost.Write"/>.</summary>
internal static class Data
{
    public const long Second = 1_000_000_000;

    public const long Minute = 60 * Second;

    /// <summary>2026-11-21T10:00:00Z in Unix nanoseconds.</summary>
    public const long T0 = 1_795_255_200L * Second;

    public static readonly DateTimeOffset T0Time = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    public static SeriesKey Key(string name, string unit = "ms", params (string Key, string Value)[] tags) =>
        new(name, unit, tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)));

    public static Measurement Point(SeriesKey key, long timeNs, double value) => Measurement.Of(new Sample(key, timeNs, value));

    /// <summary><paramref name="count"/> points a minute apart from <paramref name="startNs"/>, value i × 1.5.</summary>
    public static Measurement[] Minutes(SeriesKey key, long startNs, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Point(key, startNs + (i * Minute), i * 1.5))];

    public static Measurement Status(string element, long timeNs, string oper, string? admin = null) =>
        Measurement.Of(new StatusRecord(element, timeNs, oper, admin));

    public static Measurement Event(string name, long timeNs, string json, params (string Key, string Value)[] tags) =>
        Measurement.Of(new EventRecord(name, [.. tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value))], timeNs, json));
}
