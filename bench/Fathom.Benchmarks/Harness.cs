using System.Diagnostics;
using System.Globalization;
using Fathom.Core.Instrumentation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Benchmarks;

/// <summary>
/// Stopwatch measurements done exactly as bench/pcp-timer/pcp-timer-bench.c does them for PCP
/// (same loops, same random indices, same stamps in real 1 s ticks), so the two sides differ
/// only in the code measured. Prints "RESULT ..." lines in the C harness's format.
/// </summary>
internal static class Harness
{
    private static readonly Action<object?> Noop = static _ => { };

    public static int Run(string[] args)
    {
        static int Arg(string[] a, int i) => int.Parse(a[i], CultureInfo.InvariantCulture);
        switch (args)
        {
            case ["regrel", _, _, _]:
                RegisterRelease(Arg(args, 1), Arg(args, 2), Arg(args, 3));
                return 0;
            case ["dispatch", _, _]:
                Dispatch(Arg(args, 1), Arg(args, 2));
                return 0;
            case ["metrics", _]:
                Metrics(Arg(args, 1));
                return 0;
            case ["refresh", _, _]:
                Refresh(Arg(args, 1), Arg(args, 2));
                return 0;
            default:
                Console.Error.WriteLine("usage: harness regrel N OPS RUNS | dispatch N TICKS | metrics TICKS | refresh OPS RUNS");
                return 2;
        }
    }

    private static double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;

    private static void Report(string bench, int n, List<double> values, string? extra = null)
    {
        values.Sort();
        var c = values.Count;
        var median = c % 2 == 1 ? values[c / 2] : (values[(c / 2) - 1] + values[c / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT side=fathom bench={bench} n={n} median_ns={median:F2} min_ns={values[0]:F2} max_ns={values[c - 1]:F2} samples={c}{(extra is null ? "" : " " + extra)}"));
    }

    /// <summary>Benchmark 1, as the C harness: run -1 is the warm-up (it also brings the JIT to tier 1).</summary>
    private static void RegisterRelease(int n, int ops, int runs)
    {
        using var registry = new TimerRegistry(new ManualTimeProvider(), NullLogger.Instance);
        var handles = new int[n];
        for (var i = 0; i < n; i++)
        {
            handles[i] = registry.Register(Noop, null);
        }

        var indices = SplitMix64.Indices(ops, n);
        var results = new List<double>();
        var allocated = 0L;
        var gcs = new int[3];
        for (var r = -3; r < runs; r++)
        {
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            int[] g0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < ops; i++)
            {
                var k = indices[i];
                if (registry.Release(handles[k]) != TimerErrors.Ok)
                {
                    throw new InvalidOperationException("release failed");
                }

                handles[k] = registry.Register(Noop, null);
            }

            var t1 = Stopwatch.GetTimestamp();
            if (r >= 0)
            {
                results.Add(Ns(t1 - t0) / ops);
                allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
                for (var g = 0; g < 3; g++)
                {
                    gcs[g] += GC.CollectionCount(g) - g0[g];
                }
            }
        }

        Report("regrel", n, results, string.Create(CultureInfo.InvariantCulture, $"ops_per_run={ops} alloc_bytes_per_pair={(double)allocated / ops:F1} gc_per_run={(double)gcs[0] / runs:F1}/{(double)gcs[1] / runs:F1}/{(double)gcs[2] / runs:F1}"));
    }

    private sealed class Probe
    {
        public long First;
        public long Last;
        public readonly SemaphoreSlim Done = new(0);
    }

    /// <summary>
    /// Brings Dispatch, OnTick and the callbacks to tier-1 code as a long-running daemon has them
    /// (a tick every 10 ms for 1.5 s on a throwaway registry), so the 1 s ticks measure steady state.
    /// </summary>
    private static void WarmJit(int n, bool metrics)
    {
        using var warm = new TimerRegistry(TimeProvider.System, NullLogger.Instance, TimeSpan.FromMilliseconds(10));
        var probe = new Probe();
        Bracket(warm, probe, n, metrics);
        Thread.Sleep(1500);
    }

    /// <summary>First stamp, the timers under test, last stamp: Dispatch calls them in slot (= registration) order.</summary>
    private static void Bracket(TimerRegistry registry, Probe probe, int n, bool metrics)
    {
        registry.Register(static s => ((Probe)s!).First = Stopwatch.GetTimestamp(), probe);
        for (var i = 0; i < n; i++)
        {
            registry.Register(Noop, null);
        }

        if (metrics && registry.SetMetricRegistry(new MetricRegistry("harness")) <= 0)
        {
            throw new InvalidOperationException("SetMetricRegistry failed");
        }

        registry.Register(static s =>
        {
            var p = (Probe)s!;
            p.Last = Stopwatch.GetTimestamp();
            p.Done.Release();
        }, probe);
    }

    private static void RealTicks(string bench, int n, int ticks, bool metrics)
    {
        WarmJit(n, metrics);
        using var registry = new TimerRegistry(TimeProvider.System, NullLogger.Instance, TimeSpan.FromSeconds(1));
        var probe = new Probe();
        Bracket(registry, probe, n, metrics);
        var results = new List<double>();
        for (var t = -1; t < ticks; t++)
        {
            if (!probe.Done.Wait(TimeSpan.FromSeconds(5)))
            {
                throw new InvalidOperationException("no tick within 5 s");
            }

            if (t >= 0)
            {
                results.Add(Ns(probe.Last - probe.First));
            }
        }

        Report(bench, metrics ? 1 : n, results);
    }

    /// <summary>Benchmark 2: real 1 s ticks, (last stamp - first stamp) around N no-op callbacks.</summary>
    private static void Dispatch(int n, int ticks) => RealTicks("dispatch_tick", n, ticks, metrics: false);

    /// <summary>Benchmark 3: real 1 s ticks around SetMetricRegistry's refresh alone.</summary>
    private static void Metrics(int ticks) => RealTicks("metrics_tick", 1, ticks, metrics: true);

    /// <summary>Benchmark 3, looped: SelfMetrics.Refresh back to back (the counterpart of the C replica).</summary>
    private static void Refresh(int ops, int runs)
    {
        using var self = new SelfMetrics(new MetricRegistry("harness"));
        var results = new List<double>();
        for (var r = -3; r < runs; r++)
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < ops; i++)
            {
                self.Refresh();
            }

            var t1 = Stopwatch.GetTimestamp();
            if (r >= 0)
            {
                results.Add(Ns(t1 - t0) / ops);
            }
        }

        Report("metrics_replica", 1, results, string.Create(CultureInfo.InvariantCulture, $"ops_per_run={ops}"));
    }
}
