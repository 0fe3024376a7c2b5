using Fathom.Archive;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Fathom.TestSupport;

namespace Fathom.Cli.Tests;

/// <summary>A temp folder with an archive, a fake clock and a fake console to run "fathom" in-process.</summary>
internal sealed class CliHarness : IDisposable
{
    public const long Second = 1_000_000_000;

    /// <summary>2026-11-21T10:00:00Z, also the fake clock's "now".</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    public static readonly long NowNs = (Now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    public CliHarness()
    {
        Folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fathom-cli-" + Guid.NewGuid().ToString("N"))).FullName;
        ArchivePath = Path.Combine(Folder, "archive.db");
    }

    public string Folder { get; }

    public string ArchivePath { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public FakeConsole Console { get; private set; } = new();

    /// <summary>The archive backends the CLI resolves --archive through: fathom's own plus a test backend.</summary>
    public ArchiveCatalog Archives { get; } = new ArchiveCatalog(SqliteArchiveBackend.TypeName).Add(new SqliteArchiveBackend()).Add(new NoCompactionBackend());

    public static SeriesKey Key(string name, string unit, params (string Key, string Value)[] tags) =>
        new(name, unit, tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)));

    public void Write(params Sample[] samples)
    {
        using var archive = new SqliteArchive(ArchivePath);
        archive.WriteBatch([.. samples.Select(s => Measurement.Of(s))]);
    }

    /// <summary>Writes samples, events and status records in one batch.</summary>
    public void WriteAll(params Measurement[] measurements)
    {
        using var archive = new SqliteArchive(ArchivePath);
        archive.WriteBatch(measurements);
    }

    /// <summary>Runs with a fresh console; the default archive is the harness's file.</summary>
    public int Run(params string[] args)
    {
        Console = new FakeConsole();
        return new CliApp().Run(args, new CliContext(Console, Time, () => ArchivePath) { Archives = Archives });
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
