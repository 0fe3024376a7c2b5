using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Fathom.TestSupport;
using Fathom.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Archive.Postgres.Tests;

/// <summary>Shared helpers: a fresh database, settings read from an &lt;archive&gt; block, writers, readers and data.</summary>
internal static class PgTest
{
    public const long Second = 1_000_000_000;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;

    /// <summary>2026-11-21T10:00:00Z.</summary>
    public const long T0 = 1_795_255_200L * Second;

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public static readonly ArchiveCatalog Catalog = new ArchiveCatalog("sqlite").Add(new SqliteArchiveBackend()).Add(new PostgresArchiveBackend())
        .Add(PostgresArchiveBackend.Alias());

    public static Task<string> DatabaseAsync() => SharedPostgres.CreateDatabaseAsync("pg").WaitAsync(TimeSpan.FromSeconds(120));

    public static PostgresArchiveSettings Settings(string connection, string host = "agent-a", string extra = "") =>
        (PostgresArchiveSettings?)Read($"    connection \"{connection}\"\n    host {host}\n{extra}", out var errors, "/tmp/fathom.conf")
        ?? throw new InvalidOperationException(string.Join("\n", errors));

    /// <summary>Reads a postgresql &lt;archive&gt; block with <paramref name="keys"/> from file <paramref name="file"/>.</summary>
    public static ArchiveOptions? Read(string keys, out List<ConfigException> errors, string file)
    {
        var text = $"<archive>\n    type postgresql\n{keys}</archive>\n";
        var root = ConfigGeneralParser.ParseText(text, file);
        errors = [];
        var options = Catalog.SectionReader.Read(root.TryGet(ArchiveCatalog.Block, out var block) ? block : null, new ConfigSectionContext(file, errors, []));
        return errors.Count == 0 ? (options as Fathom.Core.Storage.Delivery.ArchiveTargets)?.Primary.Backend : null;
    }

    public static IArchiveWriter Writer(ArchiveOptions options, TimeProvider? time = null) =>
        Catalog.OpenWriter(options, new ArchiveOpenContext(NullLogger.Instance, time ?? new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(T0 / 100))));

    public static async Task WriteAsync(IArchiveWriter writer, IReadOnlyList<Measurement> batch)
    {
        using var cancel = new CancellationTokenSource(Wait);
        await writer.WriteAsync(batch.ToArray(), cancel.Token).AsTask().WaitAsync(Wait);
    }

    public static async Task<bool> WriteAsync(IArchiveWriter writer, IReadOnlyList<Measurement> batch, BatchId id)
    {
        using var cancel = new CancellationTokenSource(Wait);
        return await ((ISequencedArchiveWriter)writer).WriteAsync(batch.ToArray(), id, cancel.Token).AsTask().WaitAsync(Wait);
    }

    public static SeriesKey Key(string name, params (string Key, string Value)[] tags) =>
        new(name, "ms", tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)));

    public static Measurement Point(SeriesKey key, long timeNs, double value) => Measurement.Of(new Sample(key, timeNs, value));

    /// <summary>Every point of every series, as "canonical@time=value" lines, sorted: two archives agree when these agree.</summary>
    public static List<string> Dump(IArchiveReader reader)
    {
        var lines = new List<string>();
        reader.ForEachSeries(null, long.MinValue, long.MaxValue, (key, points) =>
        {
            foreach (var p in points)
            {
                lines.Add(FormattableString.Invariant($"{key.Canonical}@{p.TimeNs}={p.Value:R}"));
            }
        });
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
