namespace Fathom.ArchiveIngest;

/// <summary>
/// Benchmark values. "mixed": a third each of near-constant states, integer counters and
/// one-decimal gauges (random walks) — what collectors mostly emit; "random": random doubles,
/// the worst case for XOR compression.
/// </summary>
internal sealed class Values(int series, bool random)
{
    private readonly double[] _last = new double[series];
    private readonly Random _random = new(42);

    public double Next(int s, long round)
    {
        if (random)
        {
            return _random.NextDouble() * 1000;
        }

        _last[s] = (s % 3) switch
        {
            0 => round % 360 == 0 ? _random.Next(2) : _last[s],
            1 => _last[s] + _random.Next(1000),
            _ => Math.Max(0, Math.Round(_last[s] + ((_random.Next(21) - 10) / 10.0), 1)),
        };
        return _last[s];
    }
}
