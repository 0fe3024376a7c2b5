using System.Net;
using System.Net.Sockets;
using Fathom.Lookup.Client;
using Fathom.Lookup.Records;
using Fathom.TestSupport;

namespace Fathom.Lookup.Tests.Registration;

public sealed class SlsClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private TestSls _sls = null!;

    public async Task InitializeAsync() => _sls = await TestSls.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));

    public async Task DisposeAsync()
    {
        await _sls.DisposeAsync();
        _http.Dispose();
    }

    [Theory]
    [InlineData("""{"type":["host"],"uri":"lookup/host/1","expires":"2026-12-02T14:39:47.106Z","state":"registered"}""")]
    [InlineData("""{"type":["host"],"uri":["lookup/host/1"],"expires":["2026-12-02T14:39:47.106+00:00"]}""")]
    public async Task Register_ExpiresStringOrOneElementArray_OkWithUriAndExpires(string body)
    {
        _sls.Canned = (200, body);

        var result = await Client().RegisterAsync(new LookupRecord().Set(LookupKeys.Type, "host"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(SlsOutcome.Ok, result.Outcome);
        Assert.Equal("lookup/host/1", result.Uri);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 14, 39, 47, 106, TimeSpan.Zero), result.Expires);
    }

    [Theory]
    [InlineData(404, "", SlsOutcome.RegisterAgain)]
    [InlineData(403, "", SlsOutcome.RegisterAgain)]
    [InlineData(500, "", SlsOutcome.RetryLater)]
    [InlineData(400, "bad", SlsOutcome.RetryLater)]
    [InlineData(200, "not json", SlsOutcome.RetryLater)]
    [InlineData(200, """{"type":["host"],"uri":"lookup/host/1"}""", SlsOutcome.RetryLater)]
    [InlineData(200, """{"type":["host"],"uri":"lookup/host/1","expires":"soon"}""", SlsOutcome.RetryLater)]
    public async Task Renew_Answers_Classified(int status, string body, SlsOutcome expected)
    {
        _sls.Canned = (status, body);

        var result = await Client().RenewAsync("lookup/host/1", TimeSpan.FromMinutes(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(status, result.Status);
    }

    [Fact]
    public async Task Renew_RealServer_PostsTtlToBasePlusUri()
    {
        var client = Client();
        var registered = await client.RegisterAsync(new LookupRecord().Set(LookupKeys.Type, "host").Set(LookupKeys.Ttl, "PT10M"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        var renewed = await client.RenewAsync(registered.Uri!, TimeSpan.FromMinutes(90), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        var deleted = await client.DeleteAsync(registered.Uri!, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        var gone = await client.GetAsync(registered.Uri!, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(SlsOutcome.Ok, renewed.Outcome);
        Assert.True(renewed.Expires > registered.Expires!.Value.AddMinutes(79));
        Assert.Equal(SlsOutcome.Ok, deleted.Outcome);
        Assert.Equal(SlsOutcome.RegisterAgain, gone.Outcome);
        Assert.Equal(new Uri(_sls.Url, "/"), client.BaseUrl);
    }

    [Fact]
    public async Task Register_ServerAcceptsNeverAnswers_RetryLaterWithinTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var client = new SlsClient(_http, new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/lookup/records"), TimeSpan.FromMilliseconds(300));

        var result = await client.RegisterAsync(new LookupRecord().Set(LookupKeys.Type, "host"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(SlsOutcome.RetryLater, result.Outcome);
        Assert.Equal(0, result.Status);
        Assert.Contains("no answer within", result.Error, StringComparison.Ordinal);
    }

    private SlsClient Client() => new(_http, _sls.Url, TimeSpan.FromSeconds(10));
}
