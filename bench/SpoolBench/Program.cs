using System.Diagnostics;
using System.Globalization;
using Fathom.Archive.Spool;
using Fathom.Core.Measurements;

namespace Fathom.SpoolBench;

/// <summary>
/// The spool's throughput, one measurement per run, one result line each:
///   append &lt;folder&gt; &lt;batch|interval-ms&gt; &lt;samples per batch&gt; &lt;seconds&gt;   appends for a fixed time
///   replay &lt;folder&gt;                                                 opens (scan) and reads every record
///   ack &lt;folder&gt; &lt;count&gt;                                          that many records, each acknowledged (state file replaced)
///   ackfile &lt;folder&gt; &lt;count&gt;                                      the alternative: the state file replaced per ack (temp, fsync, rename, fsync folder)
///   acklog &lt;file&gt; &lt;count&gt;                                          the floor: 16 bytes appended and fsynced per ack
/// Series: 1,000 (name and a target tag), one point each per 10 s step, values from a random walk.
/// </summary>
internal static class Program
{
    private const long T0 = 1_795_255_200L * 1_000_000_000L;
    private const long Step = 10L * 1_000_000_000L;

    public static async Task<int> Main(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (args.FirstOrDefault())
        {
            case "append" when args.Length == 5:
                await Append(args[1], args[2], int.Parse(args[3], inv), double.Parse(args[4], inv));
                return 0;
            case "replay" when args.Length == 2:
                Replay(args[1]);
                return 0;
            case "ack" when args.Length == 3:
                await Ack(args[1], int.Parse(args[2], inv));
                return 0;
            case "ackfile" when args.Length == 3:
                AckFile(args[1], int.Parse(args[2], inv));
                return 0;
            case "acklog" when args.Length == 3:
                AckLog(args[1], int.Parse(args[2], inv));
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Fathom.SpoolBench append <folder> <batch|interval-ms> <samples> <seconds> | replay <folder> | ack <folder> <count> | ackfile <folder> <count> | acklog <file> <count>");
                return 2;
        }
    }

    private static SpoolOptions Options(string folder, string sync) => new()
    {
        Folder = folder,
        SyncInterval = sync == "batch" ? null : TimeSpan.FromMilliseconds(double.Parse(sync, CultureInfo.InvariantCulture)),
        MaxBytes = 64L << 30,
    };

    private static async Task Append(string folder, string sync, int samples, double seconds)
    {
        var keys = Enumerable.Range(0, 1000).Select(i => new SeriesKey("bench.value", "ms", [new("target", $"t{i:D5}")])).ToArray();
        var batch = new Measurement[samples];
        var random = new Random(1);
        var value = new double[keys.Length];
        long step = 0, batches = 0, measurements = 0;
        using var spool = DiskSpool.Open(Options(folder, sync));
        var clock = Stopwatch.StartNew();
        var k = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < samples; i++)
            {
                value[k] += random.NextDouble() - 0.5;
                batch[i] = Measurement.Of(new Sample(keys[k], T0 + (step * Step), Math.Round(value[k], 3)));
                if (++k == keys.Length)
                {
                    k = 0;
                    step++;
                }
            }

            await spool.AppendAsync(batch, CancellationToken.None);
            batches++;
            measurements += samples;
        }

        var secs = clock.Elapsed.TotalSeconds;
        var bytes = spool.Stats.PendingBytes;
        spool.Dispose();
        secs = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spool-append sync={sync} samples={samples} batches={batches} measurements={measurements} bytes={bytes} seconds={secs:F3} measurements_per_s={measurements / secs:F0} mb_per_s={bytes / secs / 1e6:F2} batches_per_s={batches / secs:F1} record_bytes={bytes / Math.Max(1, batches)} bytes_per_measurement={(double)bytes / Math.Max(1, measurements):F2}"));
    }

    private static void Replay(string folder)
    {
        var clock = Stopwatch.StartNew();
        using var spool = DiskSpool.Open(Options(folder, "batch"));
        var open = clock.Elapsed.TotalSeconds;
        var bytes = spool.Stats.PendingBytes;
        long after = 0, batches = 0, measurements = 0;
        while (spool.ReadNext(after) is { } b)
        {
            after = b.Sequence;
            batches++;
            measurements += b.Measurements.Length;
        }

        var secs = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spool-replay batches={batches} measurements={measurements} bytes={bytes} open_seconds={open:F3} seconds={secs:F3} measurements_per_s={measurements / secs:F0} mb_per_s={bytes / secs / 1e6:F2} corrupt={spool.Stats.CorruptRecords}"));
    }

    private static async Task Ack(string folder, int count)
    {
        var batch = new[] { Measurement.Of(new Sample(new SeriesKey("bench.value", "ms", []), T0, 1)) };
        using (var filling = DiskSpool.Open(Options(folder, "1000")))
        {
            for (var i = 0; i < count; i++)
            {
                await filling.AppendAsync(batch, CancellationToken.None);
            }
        }

        // Reopened, so that no unsynced record is left for an ack's sync to carry (ext4 data=ordered).
        using var spool = DiskSpool.Open(Options(folder, "1000"));

        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            spool.Acknowledge(i);
        }

        var secs = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spool-ack how=spool-ack-log acks={count} seconds={secs:F3} acks_per_s={count / secs:F0} us_per_ack={secs * 1e6 / count:F0}"));
    }

    private static void AckFile(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var state = new SpoolState { StreamId = Guid.NewGuid() };
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            state.Acknowledged = i;
            SpoolStateFile.Write(folder, state);
        }

        var secs = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spool-ack how=state-file-replace acks={count} seconds={secs:F3} acks_per_s={count / secs:F0} us_per_ack={secs * 1e6 / count:F0}"));
    }

    private static void AckLog(string file, int count)
    {
        using var handle = File.OpenHandle(file, FileMode.Create, FileAccess.Write);
        var record = new byte[16];
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            BitConverter.TryWriteBytes(record, (long)i);
            RandomAccess.Write(handle, record, (i - 1) * 16L);
            RandomAccess.FlushToDisk(handle);
        }

        var secs = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spool-ack how=bare-append-fsync acks={count} seconds={secs:F3} acks_per_s={count / secs:F0} us_per_ack={secs * 1e6 / count:F0}"));
    }
}
