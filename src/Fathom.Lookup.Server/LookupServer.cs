using System.Net.Sockets;
using Fathom.Lookup.Server.Hosting;
using Fathom.Lookup.Server.Protocol;
using Fathom.Lookup.Server.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Server;

/// <summary>
/// A running lookup server: Kestrel (the empty builder, HTTP/1.1 in clear text, as perfSONAR's
/// client speaks it), the record store, and a prune pass every <see cref="LookupServerOptions.PruneInterval"/>.
/// </summary>
public sealed partial class LookupServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RecordStore _store;
    private readonly ITimer _pruner;
    private readonly ILogger _log;

    private LookupServer(WebApplication app, RecordStore store, ILogger log, TimeProvider time, TimeSpan pruneInterval)
    {
        _app = app;
        _store = store;
        _log = log;
        _pruner = time.CreateTimer(_ => Prune(time), null, pruneInterval, pruneInterval);
    }

    /// <summary>Where it listens, as bound (port 0 resolved), e.g. http://127.0.0.1:40123.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>
    /// Opens the store and starts listening. A store that cannot be used is a
    /// <see cref="LookupStoreException"/>; an address that cannot be bound (in use, not local, not permitted) an <see cref="IOException"/>.
    /// </summary>
    public static async Task<LookupServer> StartAsync(LookupServerOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var log = loggers.CreateLogger("lookup");
        var store = RecordStore.Open(options.StorePath, time.GetUtcNow());
        Log.StoreOpened(log, options.StorePath, store.Count);
        try
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "fathom-lookup-server" });
            builder.Services.AddSingleton<ILoggerFactory>(new FrameworkWarningsOnly(loggers));
            builder.Services.AddLogging();
            builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => Configure(k, options));
            var app = builder.Build();
            var handler = new LookupHandler(store, new LeasePolicy(options.DefaultTtl, options.MinTtl, options.MaxTtl), time, options.MaxBodyBytes, log);
            app.Run(handler.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                // Kestrel wraps "address in use" in an IOException but lets other bind errors (no such local address, no permission) through as they are.
                await app.DisposeAsync().ConfigureAwait(false);
                throw new IOException(e.Message, e);
            }
            catch (IOException)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            var server = new LookupServer(app, store, log, time, options.PruneInterval)
            {
                Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []],
            };
            foreach (var address in server.Addresses)
            {
                Log.Listening(log, address);
            }

            return server;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _pruner.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _pruner.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
        Log.Stopped(_log);
    }

    private static void Configure(KestrelServerOptions kestrel, LookupServerOptions options)
    {
        kestrel.AddServerHeader = false;

        // Kestrel's cap sits above the server's own so an oversized body gets the server's 400 with the numbers.
        kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxBodyBytes * 4L, 1024 * 1024);
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        kestrel.Limits.MaxRequestLineSize = 16 * 1024;
        kestrel.Listen(options.Listen, o => o.Protocols = HttpProtocols.Http1);
    }

    private void Prune(TimeProvider time)
    {
        try
        {
            var removed = _store.Prune(time.GetUtcNow());
            if (removed > 0)
            {
                Log.Pruned(_log, removed);
            }
        }
#pragma warning disable CA1031 // a failed prune (disk full) is logged and retried at the next tick; reads never serve expired records anyway
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.PruneFailed(_log, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, EventName = "LookupListening", Level = LogLevel.Information, Message = "lookup server listening on {Address}")]
        public static partial void Listening(ILogger logger, string address);

        [LoggerMessage(EventId = 1101, EventName = "LookupStoreOpened", Level = LogLevel.Information, Message = "lookup store {Path}: {Count} live records")]
        public static partial void StoreOpened(ILogger logger, string path, int count);

        [LoggerMessage(EventId = 1102, EventName = "LookupPruned", Level = LogLevel.Information, Message = "pruned {Count} expired records")]
        public static partial void Pruned(ILogger logger, int count);

        [LoggerMessage(EventId = 1103, EventName = "LookupPruneFailed", Level = LogLevel.Warning, Message = "pruning expired records failed; retrying at the next pass")]
        public static partial void PruneFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1104, EventName = "LookupStopped", Level = LogLevel.Information, Message = "lookup server stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
