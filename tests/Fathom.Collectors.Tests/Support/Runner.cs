using Fathom.Core.Collectors;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging;

namespace Fathom.Collectors.Tests.Support;

/// <summary>A collector with its sink, logger and context, run the way the scheduler would.</summary>
internal sealed class Runner
{
    public Runner(ICollector collector, TimeProvider? time = null)
    {
        Collector = collector;
        Context = new RunContext("test", time ?? new FakeTimeProvider(), Sink, Logger);
    }

    public ICollector Collector { get; }

    public ListSink Sink { get; } = new();

    public ListLogger Logger { get; } = new();

    public CollectContext Context { get; }

    public IEnumerable<string> Warnings => Logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);

    public static Runner Init(ICollector collector, string baseDir, params (string Key, string Value)[] settings)
    {
        collector.Init(TestConfig.Collector("x", baseDir, settings));
        return new Runner(collector);
    }

    public async Task RunAsync(CancellationToken cancellationToken = default) =>
        await Collector.CollectAsync(Context, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

    /// <summary>The value of the one sample named <paramref name="name"/> (with the given tag) in the latest run.</summary>
    public double Value(string name, string? tagKey = null, string? tagValue = null)
    {
        var samples = Sink.Samples(name).Where(s => tagKey is null || s.Series.Tag(tagKey) == tagValue).ToList();
        Assert.NotEmpty(samples);
        return samples[^1].Value;
    }
}
