using System.Diagnostics;
using System.Globalization;
using Fathom.Archive;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.ArchiveIngest;

/// <summary>
/// Ingest through the real pipeline and SQLite archive: N series written in time order (one
/// point per series per 10 s step) for a fixed time, as fast as the writer takes them.
///   Fathom.ArchiveIngest &lt;db&gt; &lt;series&gt; &lt;seconds&gt; [mixed|random|mixed-jitter]
/// Prints one line: points, seconds, points/s, bytes on disk after a TRUNCATE checkpoint, bytes/point.
/// </summary>
internal static class Program
{
    private const long T0 = 1_795_255_200L * 1_000_000_000L;
    private const long Step = 10L * 1_000_000_000L;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 3)
        {
            await Console.Error.WriteLineAsync("usage: Fathom.ArchiveIngest <db> <series> <seconds> [mixed|random|mixed-jitter] [latest]");
            return 2;
        }

        var path = args[0];
        var seriesCount = int.Parse(args[1], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
        var profile = args.Length > 3 ? args[3] : "mixed";
        var keys = Enumerable.Range(0, seriesCount)
            .Select(i => new SeriesKey("bench.value", "ms", [new("target", $"t{i:D5}")]))
            .ToArray();
        var values = new Values(seriesCount, profile == "random");
        var jitter = profile == "mixed-jitter" ? new Random(9) : null;

        using var archive = new SqliteArchive(path);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // "latest": the daemon's configuration with an <api> block (the pipeline feeds /metrics' latest values).
        var latest = args.Length > 4 && args[4] == "latest" ? new LatestValues() : null;
        var pipeline = new MeasurementPipeline(archive, NullLogger.Instance, TimeProvider.System, observer: latest);
        var watch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        long round = 0;
        while (watch.Elapsed < deadline)
        {
            var time = T0 + (round * Step);
            for (var s = 0; s < keys.Length; s++)
            {
                // Back-pressure instead of the queue's drop-oldest: the benchmark measures the writer.
                while (pipeline.Queued > 50_000)
                {
                    Thread.Sleep(1);
                }

                // Clock readings late by up to 1 ms, in 100 ns ticks, as collectors' timers give them.
                var at = jitter is null ? time : time + (jitter.Next(10_000) * 100L);
                pipeline.Write(Measurement.Of(new Sample(keys[s], at, values.Next(s, round))));
            }

            round++;
        }

        var written = pipeline.Stats.Written;
        var elapsed = watch.Elapsed.TotalSeconds;
        var allocatedPerPoint = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Math.Max(1, written);
        await pipeline.CompleteAsync();
        var total = pipeline.Stats.Written;
        var dropped = pipeline.Stats.Dropped;
        archive.Dispose();
        using (var connection = SqliteConnection.Open(path, readOnly: false, TimeSpan.FromSeconds(5)))
        {
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        var (fullMs, hourMs, fullPoints) = TimeQueries(path, keys[seriesCount / 2], round);
        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"fathom-blocks profile={profile}{(latest is null ? "" : "+latest")} points={total} seconds={elapsed:F1} points_per_s={written / elapsed:F0} bytes={bytes} bytes_per_point={(double)bytes / total:F2} dropped={dropped} write_errors={pipeline.Stats.WriteErrors} allocated_bytes_per_point={allocatedPerPoint:F3} query_one_series_all_ms={fullMs:F1} ({fullPoints} points) query_one_series_last_hour_ms={hourMs:F2}"));
        return 0;
    }

    // One series: its whole range, and its last hour (360 points), each the best of five on a fresh reader.
    private static (double FullMs, double HourMs, int FullPoints) TimeQueries(string path, SeriesKey key, long rounds)
    {
        var backend = new SqliteArchiveBackend();
        using var reader = backend.OpenReader(backend.ForLocation(path));
        var last = T0 + ((rounds - 1) * Step);
        double full = double.MaxValue, hour = double.MaxValue;
        var points = 0;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            points = reader.Query(key.Name, [.. key.Tags], long.MinValue, long.MaxValue)[0].Points.Count;
            full = Math.Min(full, watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            _ = reader.Query(key.Name, [.. key.Tags], last - (3600L * 1_000_000_000L), last);
            hour = Math.Min(hour, watch.Elapsed.TotalMilliseconds);
        }

        return (full, hour, points);
    }
}
