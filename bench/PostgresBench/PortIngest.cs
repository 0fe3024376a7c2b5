using System.Diagnostics;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.PostgresBench;

/// <summary>One agent writing every round as one batch through Fathom's write port (sequenced when the writer is).</summary>
internal static class PortIngest
{
    public static async Task<string> RunAsync((ArchiveCatalog Catalog, ArchiveOptions Options) archive, int series, int rounds)
    {
        var data = new Rounds(series);
        var batch = new Measurement[series];
        var stream = Guid.NewGuid();
        var watch = new Stopwatch();
        using (var writer = archive.Catalog.OpenWriter(archive.Options, new ArchiveOpenContext(NullLogger.Instance, TimeProvider.System)))
        {
            watch.Start();
            for (long round = 0; round < rounds; round++)
            {
                data.Fill(batch, round);
                if (writer is ISequencedArchiveWriter sequenced)
                {
                    await sequenced.WriteAsync(batch, new BatchId(stream, round + 1), CancellationToken.None);
                }
                else
                {
                    await writer.WriteAsync(batch, CancellationToken.None);
                }
            }

        }

        // Closing the writer is timed too: whatever it flushes is part of storing the points.
        watch.Stop();
        return Timed.Line($"fathom-{archive.Catalog.DefaultType}", (long)series * rounds, watch.Elapsed.TotalSeconds);
    }
}
