using System.Net.Http.Json;
using Fathom.Api.Client.Wire;

namespace Fathom.IntegrationTests;

/// <summary>Reads a running daemon's GET /api/v1/lookup; the &lt;lookup&gt; blocks the registration tests use.</summary>
internal static class LookupDaemon
{
    /// <summary>A &lt;lookup&gt; block with the shortest ttl the daemon takes (30 s) and renewals every ~10 s.</summary>
    public static string Block(string url, string ttl = "30s", string checkInterval = "20s") => $"""
        <lookup>
            url {url}
            ttl {ttl}
            check_interval {checkInterval}
            allow_internal_addresses yes
            host_name lookup-test.example.net
        </lookup>
        """;

    public static async Task<LookupStatusDto> StatusAsync(ApiDaemon daemon) =>
        (await daemon.Client.GetFromJsonAsync("api/v1/lookup", ApiJson.Default.LookupStatusDto))!;

    /// <summary>Waits until every record of the daemon is registered; its status then.</summary>
    public static async Task<LookupStatusDto> RegisteredAsync(ApiDaemon daemon, TimeSpan? timeout = null)
    {
        LookupStatusDto? status = null;
        await Wait.UntilAsync(
            async () =>
            {
                status = await StatusAsync(daemon);
                return status.Servers.Count > 0 && status.Servers.All(s => s.Records.Count > 0 && s.Records.All(r => r.Uri is not null));
            },
            timeout ?? TimeSpan.FromSeconds(30),
            "every record registered");
        return status!;
    }

    public static List<string> Uris(LookupStatusDto status) =>
        [.. status.Servers.SelectMany(s => s.Records).Select(r => r.Uri!).Order(StringComparer.Ordinal)];
}
