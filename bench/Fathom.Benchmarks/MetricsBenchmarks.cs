using BenchmarkDotNet.Attributes;
using Fathom.Api.Metrics;
using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;

namespace Fathom.Benchmarks;

/// <summary>
/// /metrics' two costs: what the pipeline's observer adds per committed sample (a 5,000-sample
/// batch over 10,000 series, as the writer hands it), and one render of 10,000 series into the
/// pooled buffer (text and OpenMetrics), without HTTP.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private const int Series = 10_000;
    private const int Batch = 5_000;
    private Measurement[] _batch = null!;
    private LatestValues _latest = null!;
    private MetricsRenderer _renderer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var keys = Enumerable.Range(0, Series)
            .Select(i => new SeriesKey($"bench.m{i % 100}", "ms", [new("collector", "bench"), new("target", $"host-{i / 100}.example")]))
            .ToArray();
        _latest = new LatestValues();
        foreach (var k in keys)
        {
            _latest.Set(k, 0, 1.5);
        }

        _batch = [.. Enumerable.Range(0, Batch).Select(i => Measurement.Of(new Sample(keys[(i * 7) % Series], 1, i * 0.25)))];
        _renderer = new MetricsRenderer(null, _latest);
        _renderer.Render(ExpositionFormat.Text).Dispose(); // the layout, built once
    }

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public void ObserverPerSample() => _latest.Committed(_batch); // same times: each point is stored again (>=)

    [Benchmark]
    public int RenderText()
    {
        using var buffer = _renderer.Render(ExpositionFormat.Text);
        return buffer.Length;
    }

    [Benchmark]
    public int RenderOpenMetrics()
    {
        using var buffer = _renderer.Render(ExpositionFormat.OpenMetrics);
        return buffer.Length;
    }
}
