using Fathom.Core.Storage;
using Fathom.Lookup.Records;
using Fathom.Lookup.Registration;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Tests.Registration;

public sealed class RegistrarTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ListLogger _log = new();
    private readonly HttpClient _http = new();
    private readonly MemoryArchiveState _state = new();
    private TestSls _sls = null!;

    private static RegistrarOptions Options => new() { Ttl = TimeSpan.FromMinutes(30), CheckInterval = TimeSpan.FromMinutes(5), RetryInitial = TimeSpan.FromSeconds(2), RetryMax = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync() => _sls = await TestSls.StartAsync(_time);

    public async Task DisposeAsync()
    {
        await _sls.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Update_HostAndServices_HostFirstServicesPointAtItWithTtlAndClientUuid()
    {
        await using var registrar = NewRegistrar();
        registrar.Update([_sls.Url], Records("a", "b"));

        await Until(() => _sls.Records.Count == 3);
        var host = _sls.Records.Values.Single(r => r.Type == "host");
        var services = _sls.Records.Values.Where(r => r.Type == "service").ToList();
        Assert.All(services, s => Assert.Equal([host.Uri!], s.Get(LookupKeys.ServiceHost)));
        Assert.All(_sls.Records.Values, r => Assert.Equal(["PT30M"], r.Get(LookupKeys.Ttl)));
        Assert.All(_sls.Records.Values, r => Assert.Equal([registrar.ClientUuid], r.Get(LookupKeys.ClientUuid)));
        await Until(() => registrar.Status().Registered == 3);
    }

    [Fact]
    public async Task Renewal_AtExpiresLessCheckInterval_RenewsEveryRecordSameUris()
    {
        await using var registrar = NewRegistrar();
        registrar.Update([_sls.Url], Records("a"));
        await Until(() => registrar.Status().Registered == 2);
        var uris = Uris(registrar);
        var registered = _time.GetUtcNow();

        await AdvanceUntil(() => _sls.Count("renew") == 2, step: TimeSpan.FromSeconds(10));

        // Due at expires (ttl 30 min) − check_interval (5 min): not before, and before the records expire.
        var renewedAfter = _time.GetUtcNow() - registered;
        Assert.InRange(renewedAfter, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(29));

        // The server counts a renew when it answers; the registrar counts it when it has read the answer.
        await Until(() => registrar.Status().Renewals == 2);
        Assert.Equal(uris, Uris(registrar));
        Assert.Equal(2, _sls.Count("register"));
    }

    [Fact]
    public async Task Renewal_ServerForgotRecords_RegistersAgain()
    {
        await using var registrar = NewRegistrar();
        registrar.Update([_sls.Url], Records("a"));
        await Until(() => registrar.Status().Registered == 2);
        _sls.Records.Clear();

        await AdvanceUntil(() => _sls.Records.Count == 2);

        Assert.Equal(4, _sls.Count("register"));
        var host = _sls.Records.Values.Single(r => r.Type == "host");
        Assert.Equal([host.Uri!], _sls.Records.Values.Single(r => r.Type == "service").Get(LookupKeys.ServiceHost));
    }

    [Fact]
    public async Task Update_ChangedAndRemovedRecords_DeletesOldRegistersNew()
    {
        await using var registrar = NewRegistrar();
        registrar.Update([_sls.Url], Records("a", "b"));
        await Until(() => registrar.Status().Registered == 3);
        var before = _sls.Records.Values.Single(r => r.First(LookupKeys.ServiceName) == "a").Uri;

        var changed = Records("a", "c");
        changed[1].Content.Set("service-locator", "tcp://changed");
        registrar.Update([_sls.Url], changed);

        await Until(() => _sls.Records.Values.Any(r => r.First("service-locator") == "tcp://changed") && _sls.Records.Count == 3
            && !_sls.Records.Values.Any(r => r.First(LookupKeys.ServiceName) == "b"));
        Assert.False(_sls.Records.ContainsKey(before!));
    }

    [Fact]
    public async Task Stop_Clean_DeletesEveryRecord()
    {
        var registrar = NewRegistrar();
        registrar.Update([_sls.Url], Records("a", "b"));
        await Until(() => registrar.Status().Registered == 3);

        using var bounded = new CancellationTokenSource(Deadline);
        await registrar.StopAsync(bounded.Token);

        Assert.Empty(_sls.Records);
        Assert.Empty(_state.List("lookup/record/"));
        await registrar.DisposeAsync();
    }

    [Fact]
    public async Task Restart_SameState_RenewsSameUrisWithoutRegistering()
    {
        var first = NewRegistrar();
        first.Update([_sls.Url], Records("a"));
        await Until(() => first.Status().Registered == 2);
        var uris = Uris(first);
        var uuid = first.ClientUuid;
        // A crash: no stop, so the records stay at the server and in the state.
        await first.AbandonAsync();
        _time.Advance(TimeSpan.FromMinutes(26));

        await using var second = NewRegistrar();
        second.Update([_sls.Url], Records("a"));
        await Until(() => _sls.Count("renew") == 2);

        Assert.Equal(uuid, second.ClientUuid);
        Assert.Equal(uris, Uris(second));
        Assert.Equal(2, _sls.Count("register"));
        Assert.Equal(2, _sls.Records.Count);
    }

    [Fact]
    public async Task ServerDown_ManyFailures_LoggedOnceRetriedWithBackoffLoggedBackOnce()
    {
        await using var registrar = NewRegistrar();
        _sls.FailWith = 500;
        registrar.Update([_sls.Url], Records("a"));
        await AdvanceUntil(() => _sls.Count("register") >= 5, step: TimeSpan.FromSeconds(5));
        Assert.False(registrar.Status().Servers[0].Reachable);

        _sls.FailWith = null;
        await AdvanceUntil(() => registrar.Status().Registered == 2, step: TimeSpan.FromSeconds(5));

        Assert.Single(_log.Entries, e => e.Message.Contains("retrying with backoff", StringComparison.Ordinal));
        Assert.Single(_log.Entries, e => e.Message.Contains("answering again", StringComparison.Ordinal));
        Assert.True(registrar.Status().Failures >= 5);
        Assert.True(registrar.Status().Servers[0].Reachable);
    }

    [Fact]
    public async Task ServerClosedPort_Stop_BoundedAndRecordsStayInState()
    {
        await using var registrar = NewRegistrar();
        registrar.Update([new Uri("http://127.0.0.1:1/lookup/records")], Records("a"));
        await Until(() => registrar.Status().Failures >= 1);

        using var bounded = new CancellationTokenSource(Deadline);
        await registrar.StopAsync(bounded.Token);
        Assert.False(bounded.IsCancellationRequested);
    }

    [Fact]
    public async Task Update_ServerRemoved_ItsRecordsDeletedOthersKept()
    {
        await using var other = await TestSls.StartAsync(_time);
        await using var registrar = NewRegistrar();
        registrar.Update([_sls.Url, other.Url], Records("a"));
        await Until(() => registrar.Status().Registered == 4);

        registrar.Update([other.Url], Records("a"));

        await Until(() => _sls.Records.IsEmpty);
        Assert.Equal(2, other.Records.Count);
        // The server empties when it answers the last delete; the registrar drops the server when it has read that answer.
        await Until(() => registrar.Status().Servers.Count == 1);
        Assert.Equal(other.Url.AbsoluteUri, registrar.Status().Servers.Single().Url);
    }

    [Fact]
    public async Task Metrics_RegisteredRenewedFailed_SetInTheRegistry()
    {
        var registry = new Fathom.Core.Instrumentation.MetricRegistry("test");
        await using var registrar = new Registrar(Options, _state, _http, _time, _log, new RegistrarMetrics(registry));
        registrar.Update([_sls.Url], Records("a", "b"));
        await Until(() => registry.Find("lookup.registered")!.Raw() == 3);
        _sls.FailWith = 500;
        await AdvanceUntil(() => registry.Find("lookup.failures")!.Raw() >= 1);
        _sls.FailWith = null;
        await AdvanceUntil(() => registry.Find("lookup.renewals")!.Raw() >= 3);

        Assert.Equal(3, registry.Find("lookup.registrations")!.Raw());
        Assert.Equal(3, registry.Find("lookup.registered")!.Raw());
    }

    private Registrar NewRegistrar() => new(Options, _state, _http, _time, _log);

    private static List<DesiredRecord> Records(params string[] services) =>
    [
        new(DesiredRecord.HostKey, new LookupRecord().Set(LookupKeys.Type, "host").Set(LookupKeys.HostName, "test.example.net")),
        .. services.Select(s => new DesiredRecord($"service/collector/{s}", new LookupRecord().Set(LookupKeys.Type, "service").Set(LookupKeys.ServiceName, s).Set(LookupKeys.ServiceType, "fathom-collector"))),
    ];

    private static List<string?> Uris(Registrar registrar) =>
        [.. registrar.Status().Servers.SelectMany(s => s.Records).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Uri)];

    private static async Task Until(Func<bool> condition)
    {
        var end = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < end, "condition not met in time");
            await Task.Delay(10);
        }
    }

    private async Task AdvanceUntil(Func<bool> condition, TimeSpan? step = null)
    {
        var end = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < end, "condition not met in time");
            _time.Advance(step ?? TimeSpan.FromSeconds(30));
            await Task.Delay(10);
        }
    }
}
