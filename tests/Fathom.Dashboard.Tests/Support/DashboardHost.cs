using System.Net;
using Fathom.Api.Configuration;
using Fathom.Api.Hosting;
using Fathom.Archive;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Dashboard.Tests.Support;

/// <summary>
/// The real API (and so the embedded dashboard) on real Kestrel at 127.0.0.1 port 0, with an admin
/// token, over a real SQLite archive holding <see cref="DemoData"/> written just before start.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string Token = "dashboard-test-token-0123456789";
    private static readonly SqliteArchiveBackend Backend = new();
    private readonly string _dir;

    private DashboardHost(string dir, ApiServer server, FakeDaemon daemon, long dataEndNs)
    {
        _dir = dir;
        Server = server;
        Daemon = daemon;
        DataEndNs = dataEndNs;
        BaseUrl = server.Addresses[0];
    }

    public ApiServer Server { get; }

    public FakeDaemon Daemon { get; }

    public string BaseUrl { get; }

    /// <summary>When the demo data was written (Unix ns): its last points are the minute before.</summary>
    public long DataEndNs { get; }

    /// <summary>Starts the API over a fresh archive holding the demo data and <paramref name="extra"/> (given the write time, Unix ns).</summary>
    public static async Task<DashboardHost> StartAsync(Func<long, IEnumerable<Measurement>>? extra = null)
    {
        var dir = Directory.CreateTempSubdirectory("fathom-dashboard-").FullName;
        var options = Backend.ForLocation(Path.Combine(dir, "archive.db"));
        var now = TimeProvider.System.GetUtcNow();
        var nowNs = (now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        using (var writer = Backend.OpenWriter(options, new ArchiveOpenContext(NullLogger.Instance, TimeProvider.System)))
        {
            var all = DemoData.Measurements(nowNs).Concat(extra?.Invoke(nowNs) ?? []).ToArray();
            for (var i = 0; i < all.Length; i += 5_000)
            {
                await writer.WriteAsync(all.AsMemory(i, Math.Min(5_000, all.Length - i)), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            }
        }

        var daemon = new FakeDaemon();
        daemon.Snapshots.AddRange(DemoData.Collectors(now));
        var settings = new ApiSettings(true, [new ApiListen(IPAddress.Loopback, 0, new ConfigLocation("test.conf", 1))], "token", Token, null, null, ApiSettings.DefaultMaxPoints);
        var sources = new ApiSources { Daemon = daemon, OpenReader = () => Backend.OpenReader(options) };
        var server = await ApiServer.StartAsync(settings, sources, NullLoggerFactory.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return new DashboardHost(dir, server, daemon, nowNs);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
