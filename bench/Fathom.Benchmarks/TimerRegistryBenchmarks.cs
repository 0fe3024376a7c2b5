using BenchmarkDotNet.Attributes;
using Fathom.Core.Instrumentation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Benchmarks;

/// <summary>Benchmark 1: with N live timers, release a random live handle and register a new one.</summary>
[MemoryDiagnoser]
public class RegisterReleaseBenchmarks
{
    public const int OpsPerInvoke = 4096;

    private static readonly Action<object?> Noop = static _ => { };
    private TimerRegistry _registry = null!;
    private int[] _handles = null!;
    private int[] _indices = null!;
    private int _next;

    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registry = new TimerRegistry(new ManualTimeProvider(), NullLogger.Instance);
        _handles = new int[N];
        for (var i = 0; i < N; i++)
        {
            _handles[i] = _registry.Register(Noop, null);
        }

        _indices = SplitMix64.Indices(1 << 20, N);
    }

    [GlobalCleanup]
    public void Cleanup() => _registry.Dispose();

    /// <summary>One invoke = 4096 pairs; BenchmarkDotNet divides, so the figure is per pair.</summary>
    [Benchmark(OperationsPerInvoke = OpsPerInvoke)]
    public int ReleaseRegister()
    {
        var registry = _registry;
        var handles = _handles;
        var indices = _indices;
        var next = _next;
        for (var i = 0; i < OpsPerInvoke; i++)
        {
            var k = indices[next++ & ((1 << 20) - 1)];
            if (registry.Release(handles[k]) != TimerErrors.Ok)
            {
                throw new InvalidOperationException("release failed");
            }

            var handle = registry.Register(Noop, null);
            if (handle <= 0)
            {
                throw new InvalidOperationException($"register failed: {handle}");
            }

            handles[k] = handle;
        }

        _next = next;
        return handles[0];
    }
}

/// <summary>Benchmark 2: one tick (OnTick → Dispatch) over N no-op callbacks, back to back (warm caches).</summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private ManualTimeProvider _time = null!;
    private TimerRegistry _registry = null!;

    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _time = new ManualTimeProvider();
        _registry = new TimerRegistry(_time, NullLogger.Instance, Period);
        for (var i = 0; i < N; i++)
        {
            _registry.Register(static _ => { }, null);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _registry.Dispose();

    /// <summary>The whole tick; the report divides by N for the per-callback figure.</summary>
    [Benchmark]
    public void Tick() => _time.Tick(Period);
}

/// <summary>Benchmark 3: the self-metrics refresh (getrusage + /proc/self/status), alone and as a tick.</summary>
[MemoryDiagnoser]
public class SelfMetricsBenchmarks
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private SelfMetrics _self = null!;
    private ManualTimeProvider _time = null!;
    private TimerRegistry _registry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _self = new SelfMetrics(new MetricRegistry("bench"));
        _time = new ManualTimeProvider();
        _registry = new TimerRegistry(_time, NullLogger.Instance, Period);
        if (_registry.SetMetricRegistry(new MetricRegistry("benchtick")) <= 0)
        {
            throw new InvalidOperationException("SetMetricRegistry failed");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _self.Dispose();
        _registry.Dispose();
    }

    [Benchmark]
    public void Refresh() => _self.Refresh();

    /// <summary>A tick whose only timer is SetMetricRegistry's refresh.</summary>
    [Benchmark]
    public void RefreshTick() => _time.Tick(Period);
}
