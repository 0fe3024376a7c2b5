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
///   Fathom.ArchiveIngest &lt;db&gt; &lt;series&gt; &lt;seconds&gt; [mixed|random]
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
            await Console.Error.WriteLineAsync("usage: Fathom.ArchiveIngest <db> <series> <seconds> [mixed|random]");
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

        using var archive = new SqliteArchive(path);
        var pipeline = new MeasurementPipeline(archive, NullLogger.Instance, TimeProvider.System);
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

                pipeline.Write(Measurement.Of(new Sample(keys[s], time, values.Next(s, round))));
            }

            round++;
        }

        var written = pipeline.Stats.Written;
        var elapsed = watch.Elapsed.TotalSeconds;
        await pipeline.CompleteAsync();
        var total = pipeline.Stats.Written;
        var dropped = pipeline.Stats.Dropped;
        archive.Dispose();
        using (var connection = SqliteConnection.Open(path, readOnly: false, TimeSpan.FromSeconds(5)))
        {
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"fathom-blocks profile={profile} points={total} seconds={elapsed:F1} points_per_s={written / elapsed:F0} bytes={bytes} bytes_per_point={(double)bytes / total:F2} dropped={dropped} write_errors={pipeline.Stats.WriteErrors}"));
        return 0;
    }
}
