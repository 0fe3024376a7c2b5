using System.Diagnostics;
using System.Globalization;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.PostgresBench;

/// <summary>
/// AGENTS simulated agents in this process, each with its own Fathom PostgreSQL writer, 100 series
/// at 10 s with time sped up SPEEDUP times: the offered load is AGENTS × SPEEDUP real agents'
/// worth (the same points/s, transactions/s and blocks closed per second; fewer connections and
/// distinct series). The first fifth of the run is warm-up; the backlog is how long the oldest
/// unwritten batch had been due at the end.
/// </summary>
internal static class Fleet
{
    public static async Task<string> RunAsync(string connection, int first, int agents, double speedup, double seconds)
    {
        // The writer's WriteAsync completes synchronously (it blocks on its server): a thread each, as each real agent has its own process.
        ThreadPool.GetMinThreads(out _, out var io);
        ThreadPool.SetMinThreads(agents + 8, io);
        var writers = new List<IArchiveWriter>();
        try
        {
            // Opened one after another: the first creates the schema.
            for (var i = 0; i < agents; i++)
            {
                var (catalog, options) = Backends.Postgres(connection, $"agent{first + i:D5}");
                writers.Add(catalog.OpenWriter(options, new ArchiveOpenContext(NullLogger.Instance, TimeProvider.System)));
            }

            var interval = TimeSpan.FromSeconds(10 / speedup);
            var end = TimeSpan.FromSeconds(seconds);
            var warmup = TimeSpan.FromSeconds(seconds / 5);
            var fleet = writers.Select(w => new FleetAgent(w)).ToArray();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(fleet.Select((a, i) => Task.Run(() => a.RunAsync(clock, interval, interval * i / agents, warmup, end))));
            var elapsed = clock.Elapsed.TotalSeconds;
            var latencies = fleet.SelectMany(a => a.LatenciesMs).Order().ToArray();
            var measured = fleet.Sum(a => a.MeasuredBatches) * FleetAgent.Series;
            var offered = agents * FleetAgent.Series * speedup / 10;
            var behind = fleet.Sum(a => a.Behind);
            var backlog = fleet.Max(a => a.Backlog).TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"fleet agents={agents} speedup={speedup} agents_equivalent={agents * speedup:F0} offered_points_per_s={offered:F0} points_per_s={measured / (seconds - warmup.TotalSeconds):F0} points={fleet.Sum(a => a.Batches) * FleetAgent.Series} batches_behind={behind} backlog_s={backlog:F2} driver_cpu_s={cpu:F1} agents_behind={fleet.Count(a => a.Behind > 0)} write_ms_p50={Pct(latencies, 0.5):F1} write_ms_p99={Pct(latencies, 0.99):F1} write_ms_max={(latencies.Length == 0 ? 0 : latencies[^1]):F1} wall_s={elapsed:F1}");
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
    }

    private static double Pct(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
