using System.Security.Cryptography.X509Certificates;
using Fathom.Api.Configuration;
using Fathom.Api.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Api.Hosting;

/// <summary>
/// The API's Kestrel server: the empty web application builder (no appsettings, no environment
/// variables, no command line: the &lt;api&gt; block alone decides), the daemon's own logging,
/// bounded requests, and the endpoint groups mapped in one place.
/// </summary>
public sealed partial class ApiServer : IAsyncDisposable
{
    /// <summary>No endpoint takes a body bigger than this (admin endpoints take none).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    private readonly WebApplication _app;
    private readonly ILogger _log;
    private readonly ReaderPool _readers;

    private ApiServer(WebApplication app, ReaderPool readers, ILogger log)
    {
        _app = app;
        _readers = readers;
        _log = log;
    }

    /// <summary>Where it listens, as bound (port 0 resolved), e.g. http://127.0.0.1:40123.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>The web application's services (tests read the mapped routes from its EndpointDataSource).</summary>
    internal IServiceProvider Services => _app.Services;

    public static async Task<ApiServer> StartAsync(ApiSettings settings, ApiSources sources, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(loggers);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "fathomd" });
        builder.Services.AddSingleton<ILoggerFactory>(new QuietFrameworkLoggers(loggers)); // the daemon's: AddLogging keeps it
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IHostLifetime, DaemonLifetime>();
        builder.Services.AddRoutingCore();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Client.Wire.ApiJson.Default));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => Configure(k, settings));
        var app = builder.Build();
        app.Use(BodyLimit.Check);
        app.UseRouting();
        var readers = new ReaderPool(sources.OpenReader);
        var context = new ApiContext(settings, sources, readers);
        HealthEndpoints.Map(app, context);
        OpenApiEndpoints.Map(app);
        CollectorEndpoints.Map(app, context);
        SeriesEndpoints.Map(app, context);
        QueryEndpoints.Map(app, context);
        EventEndpoints.Map(app, context);
        StatusEndpoints.Map(app, context);
        MetricsEndpoints.Map(app, context);
        Dashboard.DashboardEndpoints.Map(app, Dashboard.DashboardAssets.Instance);
        AdminEndpoints.Map(app, context);
        LookupEndpoints.Map(app, context);
        app.MapFallback(static () => Problems.Problem.NotFound("no such endpoint: see /openapi.json"));
        var server = new ApiServer(app, readers, loggers.CreateLogger("api"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
        foreach (var address in server.Addresses)
        {
            Log.Listening(server._log, address);
        }

        return server;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _app.StopAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Disposes the web host, then closes the pooled archive readers (requests are over by then), before the archive part stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
    }

    private static void Configure(KestrelServerOptions kestrel, ApiSettings settings)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        X509Certificate2? certificate = settings.Tls ? X509Certificate2.CreateFromPemFile(settings.Certificate!, settings.Key) : null;
        foreach (var listen in settings.Listen)
        {
            kestrel.Listen(listen.Address, listen.Port, o =>
            {
                // HTTP/2 needs TLS's protocol negotiation; in clear text it is HTTP/1.1 only.
                o.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    o.UseHttps(certificate);
                }
            });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, EventName = "ApiListening", Level = LogLevel.Information, Message = "api listening on {Address}")]
        public static partial void Listening(ILogger logger, string address);
    }
}
