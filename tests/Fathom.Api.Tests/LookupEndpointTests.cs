using System.Net;
using System.Net.Http.Json;
using Fathom.Api.Client.Wire;
using Fathom.Api.Tests.Support;

namespace Fathom.Api.Tests;

public sealed class LookupEndpointTests
{
    [Fact]
    public async Task Lookup_Registrar_ServersAndRecordsCamelCase()
    {
        var status = new LookupStatusDto(true, "uuid-1", 1, 1, 2, 3,
            [new LookupServerDto("http://ls:8090/lookup/records", false, "2026-12-06T22:00:00Z", "no answer within 10 s", [new LookupRecordDto("host", "host", "lookup/host/1", "2026-12-06T23:00:00Z", 2)])]);
        await using var host = await ApiHost.StartAsync(lookup: () => status);

        var response = await host.Client.GetAsync(new Uri("/api/v1/lookup", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"clientUuid\":\"uuid-1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"downSince\":\"2026-12-06T22:00:00Z\"", text, StringComparison.Ordinal);
        Assert.Equal(status.Servers[0].Records[0], (await response.Content.ReadFromJsonAsync(ApiJson.Default.LookupStatusDto))!.Servers[0].Records[0]);
    }

    [Fact]
    public async Task Lookup_NoRegistrar_404Problem()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Client.GetAsync(new Uri("/api/v1/lookup", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
