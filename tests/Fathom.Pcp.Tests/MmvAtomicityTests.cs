using System.Diagnostics;
using Fathom.Core.Instrumentation;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Pcp.Tests;

public sealed class MmvAtomicityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Update_RebuildingWhileAReaderPolls_ReaderOnlySeesWholeFiles()
    {
        var registry = new MetricRegistry("fathom");
        var marker = registry.Add("rebuilds", MetricType.U64, MetricSemantics.Counter, MetricUnits.Count, "Rebuilds", string.Empty);
        using var writer = new MmvWriter(registry, _folder.Path);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var generations = new System.Collections.Concurrent.ConcurrentDictionary<ulong, bool>();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Any torn file throws MmvFormatException (g1 != g2, truncation) or FileNotFound and fails the test.
                var file = MmvReader.Read(writer.Path);
                var rebuilds = (ulong)Assert.Single(file.Metrics, m => m.Name == "rebuilds").Values[0].Value;
                Assert.Equal(rebuilds == 0 ? ["rebuilds"] : ["rebuilds", $"m{rebuilds}"], file.Metrics.Select(m => m.Name));
                generations.TryAdd(file.Generation, true);
                Interlocked.Increment(ref reads);
            }
        });

        // Rebuild until the reader has seen many distinct files (or the deadline), so reads really interleave with rebuilds.
        var deadline = Stopwatch.StartNew();
        for (var i = 1; (i <= 100 || generations.Count < 20) && !reader.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            registry.Remove(m => m != marker);
            registry.Add("m" + i, MetricType.U32, MetricSemantics.Instant, MetricUnits.None, "help " + i, string.Empty);
            marker.Set(i);
            writer.Update();
        }

        stop.Cancel();
        await reader;
        Assert.True(generations.Count >= 20, $"reads {reads}, generations seen {generations.Count}");
        Assert.Empty(Directory.GetFiles(_folder.Path, ".*"));
    }
}
