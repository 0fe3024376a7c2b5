using Fathom.Api.Client.Wire;
using System.Net;
using Fathom.Api.Configuration;
using Fathom.Api.Hosting;
using Fathom.Archive;
using Fathom.Core.Configuration;
using Fathom.Core.Instrumentation;
using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;
using Fathom.Core.Storage;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Api.Tests.Support;

/// <summary>
/// The real API on real Kestrel at 127.0.0.1 port 0, over a real SQLite archive in a temporary
/// folder, with a <see cref="FakeDaemon"/>. Write measurements with <see cref="Write"/> before or
/// while requests are made; <see cref="Client"/> talks to the bound address.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private static readonly SqliteArchiveBackend Backend = new();
    private readonly string _dir;
    private readonly ArchiveOptions _options;
    private IArchiveWriter? _writer;

    private ApiHost(string dir, ArchiveOptions options, ApiServer server, FakeDaemon daemon, ApiSettings settings, FakeTimeProvider? time)
    {
        _dir = dir;
        _options = options;
        Server = server;
        Daemon = daemon;
        Settings = settings;
        Time = time;
        Client = new HttpClient { BaseAddress = new Uri(server.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public ApiServer Server { get; }

    public FakeDaemon Daemon { get; }

    public ApiSettings Settings { get; }

    public FakeTimeProvider? Time { get; }

    public HttpClient Client { get; }

    public const string Token = "0123456789abcdef0123456789abcdef";

    /// <summary>Starts the API; <paramref name="configure"/> changes the default settings (127.0.0.1:0, no token).</summary>
    public static async Task<ApiHost> StartAsync(Func<ApiSettings, ApiSettings>? configure = null, FakeTimeProvider? time = null, MetricRegistry? metrics = null, LatestValues? latest = null, Func<IArchiveReader, IArchiveReader>? wrapReader = null, Func<LookupStatusDto>? lookup = null)
    {
        var dir = Directory.CreateTempSubdirectory("fathom-api-").FullName;
        var options = Backend.ForLocation(Path.Combine(dir, "archive.db"));
        // Create the archive file so readers can open it before anything is written.
        using (Backend.OpenWriter(options, new ArchiveOpenContext(NullLogger.Instance, TimeProvider.System)))
        {
        }

        var settings = new ApiSettings(true, [new ApiListen(IPAddress.Loopback, 0, new ConfigLocation("test.conf", 1))], null, null, null, null, ApiSettings.DefaultMaxPoints);
        settings = configure?.Invoke(settings) ?? settings;
        var daemon = new FakeDaemon();
        var sources = new ApiSources { Daemon = daemon, OpenReader = () => wrapReader is null ? Backend.OpenReader(options) : wrapReader(Backend.OpenReader(options)), Time = (TimeProvider?)time ?? TimeProvider.System, Metrics = metrics, Latest = latest, Lookup = lookup };
        var server = await ApiServer.StartAsync(settings, sources, NullLoggerFactory.Instance, CancellationToken.None);
        return new ApiHost(dir, options, server, daemon, settings, time);
    }

    /// <summary>Writes measurements into the archive (the daemon's pipeline would).</summary>
    public void Write(params Measurement[] measurements)
    {
        _writer ??= Backend.OpenWriter(_options, new ArchiveOpenContext(NullLogger.Instance, TimeProvider.System));
        _writer.WriteAsync(measurements, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The archive file the API reads.</summary>
    public string ArchivePath => Path.Combine(_dir, "archive.db");

    /// <summary>A reader of the same archive, to compare the API's answers with the read port's.</summary>
    public IArchiveReader OpenReader() => Backend.OpenReader(_options);

    /// <summary>Closes the writer (so a test may change the file underneath); <see cref="Write"/> opens it again.</summary>
    public void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.StopAsync(CancellationToken.None);
        await Server.DisposeAsync();
        _writer?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
