using Fathom.Archive.Delivery;
using Fathom.Archive.Spool;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Fathom.Core.Storage.Delivery;
using Fathom.TestSupport;

namespace Fathom.Archive.Tests.Delivery;

internal static class TestTargets
{
    private static readonly SeriesKey Key = new("value", "", [new("collector", "a")]);

    public static ArchiveTarget Create(string name, IArchiveWriter writer, ISpool? spool, ListLogger log, int queueBatches = 64) =>
        new(new ArchiveTargetOptions(name, new NamedOptions(name), new DeliveryOptions { Spool = spool is not null, SpoolDir = "/nonexistent", RetryPolicy = RetryPolicy.Parse("forever x 10ms") }),
            () => writer, spool, log, TimeProvider.System, queueBatches);

    public static Measurement[] Batch(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => Measurement.Of(new Sample(Key, i, i)))];

    /// <summary>Polls <paramref name="condition"/> every 10 ms for up to 10 s.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"not within 10 s: {what}");
            }

            await Task.Delay(10);
        }
    }

    private sealed class NamedOptions(string name) : ArchiveOptions("fake")
    {
        public override string Target => name;

        public override IReadOnlyList<KeyValuePair<string, string>> Summary => [];

        public override bool Equals(ArchiveOptions? other) => other is NamedOptions o && o.Target == Target;

        public override int GetHashCode() => name.GetHashCode(StringComparison.Ordinal);
    }
}
