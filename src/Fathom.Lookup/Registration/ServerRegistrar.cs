using Fathom.Core.Storage;
using Fathom.Lookup.Client;
using Fathom.Lookup.Records;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Registration;

/// <summary>
/// Keeps one server's copy of the desired records: registers the host first, then services
/// pointing at it; renews each at expires − lead; registers again what the server lost (404/403);
/// deletes then re-registers what changed; deletes what is no longer desired. One loop on its own
/// task, waiting on the injected clock; a failing server is retried with backoff and logged once.
/// </summary>
internal sealed partial class ServerRegistrar
{
    private readonly SlsClient _client;
    private readonly RegistrarShared _shared;
    private readonly Dictionary<string, RegistrationEntry> _entries;
    private readonly Dictionary<string, long> _renewals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile IReadOnlyList<DesiredRecord> _desired;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _downSince;
    private string? _lastError;
    private int _failures;

    public ServerRegistrar(Uri server, IReadOnlyList<DesiredRecord> desired, RegistrarShared shared)
    {
        Server = server;
        _shared = shared;
        _desired = desired;
        _client = new SlsClient(shared.Http, server, shared.Options.RequestTimeout);
        _entries = Try(() => shared.Store.Load(server)) ?? new(StringComparer.Ordinal);
    }

    public Uri Server { get; }

    /// <summary>Records to keep from now on; the loop acts on them at once.</summary>
    public void Update(IReadOnlyList<DesiredRecord> desired)
    {
        _desired = desired;
        Wake();
    }

    public void Wake()
    {
        lock (_lock)
        {
            _wake.TrySetResult();
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Task wake;
            lock (_lock)
            {
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wake = _wake.Task;
            }

            TimeSpan wait;
            try
            {
                var error = await ReconcileAsync(stop).ConfigureAwait(false);
                wait = error is null ? Succeeded() : Failed(error);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug must not end registration silently: it is logged and retried like a failing server.
                Log.Unexpected(_shared.Logger, Server, e);
                wait = Failed(e.Message);
            }

            await WaitAsync(wait, wake, stop).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every record this server holds for us (a clean stop or the server's removal); what fails stays remembered, to renew or re-register next time.</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, entry) in Entries().OrderBy(e => e.Key == DesiredRecord.HostKey ? 1 : 0))
        {
            var result = await _client.DeleteAsync(entry.Uri, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == SlsOutcome.RetryLater)
            {
                Log.DeleteFailed(_shared.Logger, Server, entry.Uri, result.Error ?? "");
                continue;
            }

            Forget(key);
        }
    }

    public LookupServerStatus Status()
    {
        var desired = _desired;
        lock (_lock)
        {
            var records = desired.Select(d =>
            {
                var entry = _entries.GetValueOrDefault(d.Key);
                return new LookupRecordStatus(d.Key, d.Content.Type ?? "", entry?.Uri, entry?.Expires, _renewals.GetValueOrDefault(d.Key));
            }).ToList();
            return new LookupServerStatus(Server.AbsoluteUri, _downSince is null, _downSince, _lastError, records);
        }
    }

    public int RegisteredCount()
    {
        lock (_lock)
        {
            return _entries.Count;
        }
    }

    // Null when every record is in place, else the failure to retry after.
    private async Task<string?> ReconcileAsync(CancellationToken stop)
    {
        var desired = _desired;
        string? hostUri = null;
        if (desired.FirstOrDefault(d => d.IsHost) is { } host)
        {
            if (await EnsureAsync(host, null, stop).ConfigureAwait(false) is { } error)
            {
                return error;
            }

            hostUri = Entry(host.Key)?.Uri;
        }

        foreach (var service in desired.Where(d => !d.IsHost))
        {
            if (await EnsureAsync(service, hostUri, stop).ConfigureAwait(false) is { } error)
            {
                return error;
            }
        }

        var wanted = desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, entry) in Entries().Where(e => !wanted.Contains(e.Key)))
        {
            var result = await _client.DeleteAsync(entry.Uri, stop).ConfigureAwait(false);
            if (result.Outcome == SlsOutcome.RetryLater)
            {
                return Fail(result);
            }

            Log.Deleted(_shared.Logger, Server, key, entry.Uri);
            Forget(key);
        }

        return null;
    }

    private async Task<string?> EnsureAsync(DesiredRecord record, string? hostUri, CancellationToken stop)
    {
        var content = Compose(record, hostUri);
        var checksum = RecordChecksum.Of(content);
        var entry = Entry(record.Key);
        if (entry is not null && entry.Checksum != checksum)
        {
            // Changed content: the old record goes first, so the server never lists both.
            var deleted = await _client.DeleteAsync(entry.Uri, stop).ConfigureAwait(false);
            if (deleted.Outcome == SlsOutcome.RetryLater)
            {
                return Fail(deleted);
            }

            Log.Changed(_shared.Logger, Server, record.Key, entry.Uri);
            Forget(record.Key);
            entry = null;
        }

        if (entry is not null)
        {
            if (_shared.Time.GetUtcNow() < entry.Expires - _shared.Options.RenewLead)
            {
                return null;
            }

            var renewed = await _client.RenewAsync(entry.Uri, _shared.Options.Ttl, stop).ConfigureAwait(false);
            switch (renewed.Outcome)
            {
                case SlsOutcome.Ok:
                    Remember(record.Key, entry with { Expires = renewed.Expires!.Value });
                    lock (_lock)
                    {
                        _renewals[record.Key] = _renewals.GetValueOrDefault(record.Key) + 1;
                    }

                    _shared.Renewed();
                    Log.Renewed(_shared.Logger, Server, record.Key, entry.Uri, renewed.Expires.Value);
                    return null;
                case SlsOutcome.RegisterAgain:
                    Log.Lost(_shared.Logger, Server, record.Key, entry.Uri, renewed.Status);
                    Forget(record.Key);
                    break;
                default:
                    return Fail(renewed);
            }
        }

        content.Set(LookupKeys.Ttl, IsoDuration.Format(_shared.Options.Ttl));
        var registered = await _client.RegisterAsync(content, stop).ConfigureAwait(false);
        if (registered.Outcome == SlsOutcome.RegisterAgain && registered.Status == 403
            && await AdoptAsync(record.Key, content, checksum, stop).ConfigureAwait(false))
        {
            return null;
        }

        if (registered.Outcome != SlsOutcome.Ok)
        {
            return Fail(registered);
        }

        Remember(record.Key, new RegistrationEntry(registered.Uri!, registered.Expires!.Value, checksum));
        _shared.Registered();
        Log.Registered(_shared.Logger, Server, record.Key, registered.Uri!, registered.Expires.Value);
        return null;
    }

    // A register answered 403 is a duplicate: the server already holds this very record, ours (same
    // client-uuid, same content), from a register whose answer or saved state was lost (a kill at the
    // wrong moment, an archive that could not keep the state). It is taken over, not retried until it expires.
    private async Task<bool> AdoptAsync(string key, LookupRecord content, string checksum, CancellationToken stop)
    {
        var found = await _client.QueryAsync(
            [new(LookupKeys.ClientUuid, _shared.ClientUuid), new(LookupKeys.Type, content.Type ?? "")], stop).ConfigureAwait(false);
        var same = found?.FirstOrDefault(r => r.Uri is not null && r.SameContent(content) && SlsExpires.TryParse(r.First(LookupKeys.Expires), out _));
        if (same is null)
        {
            return false;
        }

        _ = SlsExpires.TryParse(same.First(LookupKeys.Expires), out var expires);
        Remember(key, new RegistrationEntry(same.Uri!, expires, checksum));
        Log.Adopted(_shared.Logger, Server, key, same.Uri!, expires);
        return true;
    }

    private LookupRecord Compose(DesiredRecord record, string? hostUri)
    {
        var content = record.Content.Clone();
        foreach (var key in new[] { LookupKeys.Uri, LookupKeys.Expires, LookupKeys.State, LookupKeys.Ttl })
        {
            _ = content.Remove(key);
        }

        content.Set(LookupKeys.ClientUuid, _shared.ClientUuid);
        if (!record.IsHost && hostUri is not null)
        {
            content.Set(LookupKeys.ServiceHost, hostUri);
        }

        return content;
    }

    private string Fail(SlsResult result)
    {
        _shared.Failed();
        return result.Status > 0 ? $"HTTP {result.Error}" : result.Error ?? "failed";
    }

    private TimeSpan Succeeded()
    {
        var now = _shared.Time.GetUtcNow();
        lock (_lock)
        {
            if (_downSince is { } since)
            {
                Log.Back(_shared.Logger, Server, (now - since).TotalSeconds);
            }

            _downSince = null;
            _lastError = null;
            _failures = 0;
            var next = _entries.Count == 0 ? now + _shared.Options.CheckInterval : _entries.Values.Min(e => e.Expires) - _shared.Options.RenewLead;
            return next <= now ? TimeSpan.Zero : next - now;
        }
    }

    private TimeSpan Failed(string error)
    {
        lock (_lock)
        {
            if (_downSince is null)
            {
                Log.Down(_shared.Logger, Server, error);
                _downSince = _shared.Time.GetUtcNow();
            }

            _lastError = error;
            _failures++;
            return Backoff.Delay(_failures, _shared.Options.RetryInitial, _shared.Options.RetryMax);
        }
    }

    private async Task WaitAsync(TimeSpan wait, Task wake, CancellationToken stop)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var delay = Task.Delay(wait, _shared.Time, cancel.Token);
        _ = await Task.WhenAny(delay, wake).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
    }

    private RegistrationEntry? Entry(string key)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(key);
        }
    }

    private List<KeyValuePair<string, RegistrationEntry>> Entries()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }

    private void Remember(string key, RegistrationEntry entry)
    {
        lock (_lock)
        {
            _entries[key] = entry;
        }

        Try(() => _shared.Store.Save(Server, key, entry));
        _shared.CountChanged();
    }

    private void Forget(string key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }

        Try(() => _shared.Store.Save(Server, key, null));
        _shared.CountChanged();
    }

    // The archive's state is a convenience: a failure to keep it costs a duplicate after a restart, not registration.
    private T? Try<T>(Func<T> action)
        where T : class
    {
        try
        {
            return action();
        }
        catch (ArchiveException e)
        {
            Log.StateFailed(_shared.Logger, e.Message);
            return null;
        }
    }

    private void Try(Action action) => _ = Try<object>(() =>
    {
        action();
        return this;
    });
}
