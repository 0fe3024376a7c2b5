using System.Diagnostics;
using Fathom.ArchiveIngest;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.PostgresBench;

/// <summary>
/// One simulated agent: its own writer (its own connection and host identity) and stream, 100
/// series, a batch of one point each every 10 simulated seconds. A late batch is written as soon
/// as it can be (never skipped), so a server that cannot keep up shows as a growing backlog.
/// </summary>
internal sealed class FleetAgent(IArchiveWriter writer)
{
    public const int Series = 100;

    private readonly SeriesKey[] _keys = [.. Enumerable.Range(0, Series).Select(i => new SeriesKey("fleet.value", "ms", [new("target", $"s{i:D2}")]))];
    private readonly Values _values = new(Series, random: false);
    private readonly Guid _stream = Guid.NewGuid();

    public long Batches { get; private set; }

    /// <summary>Batches written whose due time was at or after the warm-up.</summary>
    public long MeasuredBatches { get; private set; }

    /// <summary>Batches due by the end that were not written (the backlog).</summary>
    public long Behind { get; private set; }

    /// <summary>How long the oldest unwritten batch had been due at the end (0 when none).</summary>
    public TimeSpan Backlog { get; private set; }

    public List<double> LatenciesMs { get; } = [];

    public async Task RunAsync(Stopwatch clock, TimeSpan interval, TimeSpan offset, TimeSpan warmup, TimeSpan end)
    {
        var batch = new Measurement[Series];
        for (long k = 0; ; k++)
        {
            var due = offset + (k * interval);
            if (due >= end)
            {
                break;
            }

            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            else if (clock.Elapsed >= end)
            {
                Behind = (long)Math.Ceiling((end - offset) / interval) - k;
                Backlog = end - due;
                break;
            }

            for (var s = 0; s < Series; s++)
            {
                batch[s] = Measurement.Of(new Sample(_keys[s], Rounds.TimeOf(k), _values.Next(s, k)));
            }

            var started = clock.Elapsed;
            if (writer is ISequencedArchiveWriter sequenced)
            {
                await sequenced.WriteAsync(batch, new BatchId(_stream, k + 1), CancellationToken.None);
            }
            else
            {
                await writer.WriteAsync(batch, CancellationToken.None);
            }

            Batches++;
            if (due >= warmup)
            {
                MeasuredBatches++;
                LatenciesMs.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }
    }
}
