using Fathom.Core.Scheduling;

namespace Fathom.Core.Tests.Scheduling;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Quantiles = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999];

    [Fact]
    public void Quantile_Uniform_WithinSevenPercent()
    {
        var values = Enumerable.Range(1, 200_000).Select(i => (long)i).ToArray();

        AssertQuantiles(values);
    }

    [Fact]
    public void Quantile_Exponential_WithinSevenPercent()
    {
        var rng = new Random(42);
        var values = Enumerable.Range(0, 100_000).Select(_ => (long)(-Math.Log(1 - rng.NextDouble()) * 2_000) + 1).ToArray();

        AssertQuantiles(values);
    }

    [Fact]
    public void Quantile_LogNormalOverManyDecades_WithinSevenPercent()
    {
        var rng = new Random(7);
        var values = Enumerable.Range(0, 100_000).Select(_ => (long)Math.Exp(8 + (3 * Gaussian(rng))) + 1).ToArray();

        AssertQuantiles(values);
    }

    [Fact]
    public void Quantile_SmallValues_AreExact()
    {
        var h = new LatencyHistogram();
        for (var us = 0; us < 16; us++)
        {
            h.RecordMicroseconds(us);
        }

        Assert.Equal(7, h.Quantile(0.5));
        Assert.Equal(15, h.Quantile(1));
        Assert.Equal(0, h.Quantile(1.0 / 16));
    }

    [Fact]
    public void MaxMicroseconds_IsExactNotBucketed()
    {
        var h = new LatencyHistogram();
        h.RecordMicroseconds(10);
        h.RecordMicroseconds(1_234_567);
        h.RecordMicroseconds(999);

        Assert.Equal(1_234_567, h.MaxMicroseconds);
        Assert.Equal(1_234_567, h.Quantile(1));
        Assert.Equal(3, h.Count);
    }

    [Fact]
    public void Record_TimeSpan_RecordsMicroseconds()
    {
        var h = new LatencyHistogram();

        h.Record(TimeSpan.FromMilliseconds(2.5));

        Assert.Equal(2_500, h.MaxMicroseconds);
    }

    [Fact]
    public void Record_Negative_CountsAsZero()
    {
        var h = new LatencyHistogram();

        h.Record(TimeSpan.FromMilliseconds(-3));

        Assert.Equal(1, h.Count);
        Assert.Equal(0, h.MaxMicroseconds);
        Assert.Equal(0, h.Quantile(0.5));
    }

    [Fact]
    public void Quantile_Empty_IsZero()
    {
        Assert.Equal(0, new LatencyHistogram().Quantile(0.99));
    }

    [Fact]
    public void Reset_ClearsEverything()
    {
        var h = new LatencyHistogram();
        h.RecordMicroseconds(5_000);

        h.Reset();
        h.RecordMicroseconds(3);

        Assert.Equal(1, h.Count);
        Assert.Equal(3, h.MaxMicroseconds);
        Assert.Equal(3, h.Quantile(0.99));
    }

    [Fact]
    public async Task RecordMicroseconds_Concurrent_LosesNothing()
    {
        var h = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 1; i <= 50_000; i++)
            {
                h.RecordMicroseconds((t * 50_000) + i);
            }
        })));

        Assert.Equal(200_000, h.Count);
        Assert.Equal(200_000, h.MaxMicroseconds);
    }

    private static void AssertQuantiles(long[] values)
    {
        var h = new LatencyHistogram();
        foreach (var v in values)
        {
            h.RecordMicroseconds(v);
        }

        Array.Sort(values);
        foreach (var q in Quantiles)
        {
            var exact = values[(int)Math.Ceiling(q * values.Length) - 1];
            var estimate = h.Quantile(q);
            Assert.True(Math.Abs(estimate - exact) <= exact * 0.07, $"q{q}: estimate {estimate} vs exact {exact}");
        }

        Assert.Equal(values[^1], h.MaxMicroseconds);
        Assert.Equal(values.Length, h.Count);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
