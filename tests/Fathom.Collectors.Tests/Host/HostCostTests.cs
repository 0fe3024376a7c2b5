using System.Diagnostics;
using Fathom.Collectors.Host;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Collectors.Tests.Host;

/// <summary>The host collector runs every second: a steady-state run must stay cheap.</summary>
public sealed class HostCostTests
{
    [Fact]
    public async Task CollectAsync_SteadyState_AllocatesLittle()
    {
        var collector = new HostCollector();
        collector.Init(Fathom.TestSupport.TestConfig.Collector("host", "/etc"));
        var sink = new CountingSink();
        var context = new RunContext("test", TimeProvider.System, sink, NullLogger.Instance);
        for (var i = 0; i < 5; i++)
        {
            await collector.CollectAsync(context, CancellationToken.None);
        }

        const int runs = 200;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            var pending = collector.CollectAsync(context, CancellationToken.None);
            Assert.True(pending.IsCompletedSuccessfully);
        }

        var perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / runs;
        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / runs;
        Assert.True(sink.Count > 0);
        Assert.True(perRun < 4 * 1024, $"{perRun} bytes allocated per run, cpu {cpuPerRun.TotalMilliseconds} ms");
    }

    private sealed class CountingSink : IMeasurementSink
    {
        public long Count { get; private set; }

        public void Write(in Measurement measurement) => Count++;
    }
}
