using Fathom.ArchiveIngest;
using Fathom.Core.Measurements;

namespace Fathom.PostgresBench;

/// <summary>The benchmark's points: SERIES series, one point each per 10 s round from a fixed base, values as the SQLite ingest benchmark's ("mixed").</summary>
internal sealed class Rounds(int series)
{
    /// <summary>2026-11-21T10:00:00Z in Unix nanoseconds.</summary>
    public const long T0 = 1_795_255_200L * 1_000_000_000L;

    public const long Step = 10L * 1_000_000_000L;

    private readonly Values _values = new(series, random: false);

    public SeriesKey[] Keys { get; } = [.. Enumerable.Range(0, series).Select(i => new SeriesKey("bench.value", "ms", [new("target", $"t{i:D5}")]))];

    public static long TimeOf(long round) => T0 + (round * Step);

    /// <summary>Fills <paramref name="batch"/> with round <paramref name="round"/>: a point of every series.</summary>
    public void Fill(Measurement[] batch, long round)
    {
        for (var s = 0; s < batch.Length; s++)
        {
            batch[s] = Measurement.Of(new Sample(Keys[s], TimeOf(round), _values.Next(s, round)));
        }
    }

    /// <summary>The values of round <paramref name="round"/> (for the row stores, which need no keys).</summary>
    public void Fill(double[] values, long round)
    {
        for (var s = 0; s < values.Length; s++)
        {
            values[s] = _values.Next(s, round);
        }
    }
}
