using System.Diagnostics;
using System.Globalization;
using Fathom.Archive;
using Fathom.Archive.Sqlite;
using Fathom.ArchiveIngest;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.ArchiveQuery;

/// <summary>
/// Fathom's side of bench/archive-query.sh (see <see cref="QueryShape"/> for the data and queries).
///   Fathom.ArchiveQuery load &lt;db&gt; [series] [points-per-series]   the write port (IArchiveWriter.WriteAsync on SqliteArchive), 10,000-point batches
///   Fathom.ArchiveQuery load-api &lt;db&gt;                              the same for bench/api-query.sh (<see cref="ApiShape"/>)
///   Fathom.ArchiveQuery query &lt;db&gt; [runs]                        the three queries through the read port (IArchiveReader)
/// One result line per load or query on stdout.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("load" or "load-api" or "query"))
        {
            Console.Error.WriteLine("usage: Fathom.ArchiveQuery load <db> [series] [points-per-series] | load-api <db> | query <db> [runs]");
            return 2;
        }

        return args[0] switch
        {
            "load" => await Load(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000, args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 100_000, QueryShape.Step),
            "load-api" => await Load(args[1], ApiShape.Series, ApiShape.Rounds, ApiShape.Step),
            _ => Queries.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10),
        };
    }

    // Bytes by table (with its indexes) from SQLite's dbstat, where the library has it: raw blocks vs summaries.
    private static string Breakdown(string path, long total)
    {
        try
        {
            using var connection = SqliteConnection.Open(path, readOnly: true, TimeSpan.FromSeconds(5));
            using var select = connection.Prepare("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name");
            var tables = new Dictionary<string, long>(StringComparer.Ordinal);
            while (select.Step())
            {
                var name = select.Text(0) ?? "";
                var table = name switch
                {
                    "blocks_series_start" => "blocks",
                    "rollups_key" => "rollups",
                    _ => name,
                };
                tables[table] = tables.GetValueOrDefault(table) + select.Int64(1);
            }

            return string.Concat(new[] { "blocks", "journal", "rollups" }.Select(t =>
                string.Create(CultureInfo.InvariantCulture, $" {t}_bytes={tables.GetValueOrDefault(t)} {t}_bytes_per_point={(double)tables.GetValueOrDefault(t) / total:F2}")));
        }
        catch (SqliteException)
        {
            return " (no dbstat in this libsqlite3)";
        }
    }

    // Round by round (one point per series per step), series in index order: the order the InfluxDB client sends.
    private static async Task<int> Load(string path, int seriesCount, long rounds, long step)
    {
        var keys = Enumerable.Range(0, seriesCount)
            .Select(s => new SeriesKey(QueryShape.Name, "ms", [new(QueryShape.TagKey, QueryShape.SeriesTag(s))]))
            .ToArray();
        var values = new Values(seriesCount, random: false);
        var batch = new Measurement[10_000];
        var filled = 0;
        long total = 0;
        var watch = Stopwatch.StartNew();
        using (IArchiveWriter archive = new SqliteArchive(path))
        {
            for (long round = 0; round < rounds; round++)
            {
                var time = QueryShape.T0 + (round * step);
                for (var s = 0; s < seriesCount; s++)
                {
                    batch[filled++] = Measurement.Of(new Sample(keys[s], time, values.Next(s, round)));
                    if (filled == batch.Length)
                    {
                        await archive.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
                        total += filled;
                        filled = 0;
                    }
                }
            }

            await archive.WriteAsync(batch.AsMemory(0, filled), CancellationToken.None).ConfigureAwait(false);
            total += filled;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        using (var connection = SqliteConnection.Open(path, readOnly: false, TimeSpan.FromSeconds(5)))
        {
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fathom load points={total} series={seriesCount} seconds={seconds:F1} points_per_s={total / seconds:F0} bytes={bytes} bytes_per_point={(double)bytes / total:F2}{Breakdown(path, total)}"));
        return 0;
    }
}
