using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.TestSupport.Storage;

/// <summary>
/// The shared suite of the storage ports: every backend passes it through a small subclass that
/// names the backend, the keys of its &lt;archive&gt; block and how to run a retention pass. The
/// suite opens writers and readers only through <see cref="ArchiveCatalog"/> and the ports.
/// </summary>
public abstract partial class ArchivePortContract : IDisposable
{
    protected const long Second = 1_000_000_000;
    protected const long Minute = 60 * Second;
    protected const long Hour = 60 * Minute;
    protected const long Day = 24 * Hour;

    /// <summary>2026-11-21T10:00:00Z in Unix nanoseconds.</summary>
    protected const long T0 = 1_795_255_200L * Second;

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(60);
    private ArchiveCatalog? _catalog;
    private bool _disposed;

    protected ArchivePortContract()
    {
        Folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fathom-port-" + Guid.NewGuid().ToString("N"))).FullName;
        Time = new FakeTimeProvider(At(T0));
    }

    /// <summary>A fresh folder for this test, deleted afterwards.</summary>
    protected string Folder { get; }

    /// <summary>The writers' clock (retention cutoffs).</summary>
    protected FakeTimeProvider Time { get; }

    /// <summary>A catalog holding only the backend under test (its default).</summary>
    protected ArchiveCatalog Catalog => _catalog ??= CreateCatalog();

    /// <summary>True when the backend stores 1 min/1 h/1 d summaries (the query cost then shows them read).</summary>
    protected virtual bool KeepsSummaries => true;

    /// <summary>The backend under test.</summary>
    protected abstract IArchiveBackend CreateBackend();

    /// <summary>The lines of an &lt;archive&gt; block (besides <c>type</c>) for a new, empty archive of this test.</summary>
    protected abstract string ArchiveKeys();

    /// <summary>The lines of an &lt;archive&gt; block naming an archive that does not exist (a reader must refuse it).</summary>
    protected abstract string MissingArchiveKeys();

    /// <summary>The lines of an &lt;archive&gt; block naming an archive that cannot be created (a writer must refuse it).</summary>
    protected abstract string UnusableArchiveKeys();

    /// <summary>Runs a whole retention pass of <paramref name="writer"/> now (at <see cref="Time"/>).</summary>
    protected abstract void RunRetention(IArchiveWriter writer);

    /// <summary>Status writes <paramref name="writer"/> refused as older than their element's newest range; null when the backend does not count them.</summary>
    protected virtual long? RefusedStatusWrites(IArchiveWriter writer) => null;

    protected static DateTimeOffset At(long unixNs) => DateTimeOffset.UnixEpoch.AddTicks(unixNs / 100);

    protected static SeriesKey Key(string name, string unit = "ms", params (string Key, string Value)[] tags) =>
        new(name, unit, tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)));

    protected static KeyValuePair<string, string>[] Tags(params (string Key, string Value)[] tags) =>
        [.. tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value))];

    protected static Measurement Point(SeriesKey key, long timeNs, double value) => Measurement.Of(new Sample(key, timeNs, value));

    protected static Measurement Status(string element, long timeNs, string oper, string? admin = null) =>
        Measurement.Of(new StatusRecord(element, timeNs, oper, admin));

    protected static Measurement Event(string name, long timeNs, string json, params (string Key, string Value)[] tags) =>
        Measurement.Of(new EventRecord(name, Tags(tags), timeNs, json));

    /// <summary>The options of this test's archive read from an &lt;archive&gt; block, plus <paramref name="extraKeys"/> (e.g. retention).</summary>
    protected ArchiveOptions Options(string extraKeys = "") => ReadBlock(ArchiveKeys() + extraKeys);

    /// <summary>Reads an &lt;archive&gt; block with the backend's type and <paramref name="keys"/> through the catalog's section reader.</summary>
    protected ArchiveOptions ReadBlock(string keys)
    {
        var file = Path.Combine(Folder, "fathom.conf");
        var text = $"<archive>\n    type {Catalog.DefaultType}\n{keys}</archive>\n";
        var root = ConfigGeneralParser.ParseText(text, file);
        var errors = new List<ConfigException>();
        var options = Catalog.SectionReader.Read(root.TryGet(ArchiveCatalog.Block, out var block) ? block : null, new ConfigSectionContext(file, errors, []));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.Message)));
        // The section reader gives every <archive> block as a target; the first one's backend settings are the port's.
        return Assert.IsType<Fathom.Core.Storage.Delivery.ArchiveTargets>(options).Primary.Backend;
    }

    protected IArchiveWriter OpenWriter(ArchiveOptions options) =>
        Catalog.OpenWriter(options, new ArchiveOpenContext(NullLogger.Instance, Time));

    protected IArchiveReader OpenReader(ArchiveOptions options) => Catalog.OpenReader(options);

    protected static async Task WriteAsync(IArchiveWriter writer, IReadOnlyList<Measurement> batch)
    {
        using var cancel = new CancellationTokenSource(WriteTimeout);
        await writer.WriteAsync(batch.ToArray(), cancel.Token).AsTask().WaitAsync(WriteTimeout);
    }

    /// <summary>Writes every batch into a new archive, closes the writer and opens a reader.</summary>
    protected Task<IArchiveReader> StoreAsync(params IReadOnlyList<Measurement>[] batches) => StoreAsync(null, batches);

    /// <summary>As <see cref="StoreAsync(IReadOnlyList{Measurement}[])"/>, handing the writer to <paramref name="beforeClose"/> before it is closed.</summary>
    protected async Task<IArchiveReader> StoreAsync(Action<IArchiveWriter>? beforeClose, params IReadOnlyList<Measurement>[] batches)
    {
        var options = Options();
        using (var writer = OpenWriter(options))
        {
            foreach (var batch in batches)
            {
                await WriteAsync(writer, batch);
            }

            beforeClose?.Invoke(writer);
        }

        return OpenReader(options);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }

    private ArchiveCatalog CreateCatalog()
    {
        var backend = CreateBackend();
        return new ArchiveCatalog(backend.Type).Add(backend);
    }
}
