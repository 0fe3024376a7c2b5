using Fathom.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Registration;

/// <summary>
/// Registers this daemon's records with every lookup server it is given and keeps them there:
/// one loop per server on its own task (never on a collector's or the supervisor's path), the
/// state (client-uuid, uris, checksums) kept in the archive's state so a restart renews rather
/// than duplicates. <see cref="StopAsync"/> deletes every record within a bounded time.
/// </summary>
public sealed partial class Registrar : IAsyncDisposable
{
    private readonly RegistrarShared _shared;
    private readonly RegistrarMetrics? _metrics;
    private readonly Dictionary<Uri, (ServerRegistrar Server, Task Loop, CancellationTokenSource Stop)> _servers = [];
    private readonly List<Task> _leaving = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private IReadOnlyList<DesiredRecord> _records = [];
    private bool _stopped;

    /// <summary>A registrar sending through <paramref name="http"/>, keeping its state in <paramref name="state"/>; nothing happens before <see cref="Update"/>.</summary>
    public Registrar(RegistrarOptions options, IArchiveState state, HttpClient http, TimeProvider time, ILogger logger, RegistrarMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        var store = new RegistrationStore(state);
        string clientUuid;
        try
        {
            clientUuid = store.ClientUuid();
        }
        catch (ArchiveException e)
        {
            Log.StateUnavailable(logger, e.Message);
            clientUuid = Guid.NewGuid().ToString();
        }

        _metrics = metrics;
        _shared = new RegistrarShared(options, http, time, logger, store, clientUuid, metrics, CountChanged);
    }

    /// <summary>The client-uuid every record carries, kept across restarts.</summary>
    public string ClientUuid => _shared.ClientUuid;

    /// <summary>
    /// Registers <paramref name="records"/> with each of <paramref name="servers"/> from now on
    /// (the first call starts; later ones are reloads): a new server starts its loop, a removed one
    /// has its records deleted, changed records are re-registered, removed ones deleted. Returns at once.
    /// </summary>
    public void Update(IReadOnlyList<Uri> servers, IReadOnlyList<DesiredRecord> records, RegistrarOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(records);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (options is not null)
            {
                _shared.Options = options;
            }

            _records = records;
            foreach (var gone in _servers.Keys.Where(s => !servers.Contains(s)).ToList())
            {
                var (server, loop, stop) = _servers[gone];
                _servers.Remove(gone);
                _leaving.Add(LeaveAsync(server, loop, stop));
            }

            foreach (var url in servers.Distinct())
            {
                if (_servers.TryGetValue(url, out var running))
                {
                    running.Server.Update(records);
                    continue;
                }

                var server = new ServerRegistrar(url, records, _shared);
                var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                _servers[url] = (server, Task.Run(() => server.RunAsync(stop.Token), CancellationToken.None), stop);
            }
        }
    }

    /// <summary>Every server and record as it stands.</summary>
    public LookupStatus Status()
    {
        List<ServerRegistrar> servers;
        lock (_lock)
        {
            servers = [.. _servers.Values.Select(s => s.Server)];
        }

        return new LookupStatus(true, ClientUuid, [.. servers.Select(s => s.Status())], _shared.Registrations, _shared.Renewals, _shared.Failures);
    }

    /// <summary>Stops every loop, then deletes every record at every server, all within <paramref name="cancellationToken"/>'s time; what is not deleted expires at its ttl.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<(ServerRegistrar Server, Task Loop, CancellationTokenSource Stop)> servers;
        List<Task> leaving;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            servers = [.. _servers.Values];
            leaving = [.. _leaving];
            _servers.Clear();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(servers.Select(s => s.Loop)).WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(servers.Select(s => s.Server.DeleteAllAsync(cancellationToken)).Concat(leaving)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.StopTimedOut(_shared.Logger);
        }

        foreach (var server in servers)
        {
            server.Stop.Dispose();
        }

        CountChanged();
    }

    /// <summary>Stops every loop and deletes nothing, as a crash would (tests of a restart).</summary>
    internal async Task AbandonAsync()
    {
        lock (_lock)
        {
            _stopped = true;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_servers.Values.Select(s => s.Loop)).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await StopAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Bounded: what was not deleted expires at its ttl.
        }

        _stop.Dispose();
    }

    // A server no longer configured: its loop stops, then its records are deleted, bounded.
    private async Task LeaveAsync(ServerRegistrar server, Task loop, CancellationTokenSource stop)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        bounded.CancelAfter(_shared.Options.RequestTimeout * 2);
        try
        {
            await loop.WaitAsync(bounded.Token).ConfigureAwait(false);
            await server.DeleteAllAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // What was not deleted expires at its ttl.
        }
        finally
        {
            stop.Dispose();
        }
    }

    private void CountChanged()
    {
        if (_metrics is null)
        {
            return;
        }

        List<ServerRegistrar> servers;
        lock (_lock)
        {
            servers = [.. _servers.Values.Select(s => s.Server)];
        }

        _metrics.Registered.Set(servers.Sum(s => s.RegisteredCount()));
    }
}
