using Fathom.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Dashboard;

/// <summary>
/// The dashboard at "/": index.html (no-cache, revalidated by ETag) for "/" and for every page the
/// dashboard's own router knows ("/collectors/ID"), so a deep link loads; hashed files under
/// "/assets/" (immutable for a year: a new build has new names). An unknown asset is a 404 problem.
/// </summary>
internal static class DashboardEndpoints
{
    private const string IndexCache = "no-cache";
    private const string AssetCache = "public, max-age=31536000, immutable";

    // The dashboard needs nothing but its own origin; styles set through the CSSOM (uPlot) are allowed by 'self'.
    private const string Policy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(IEndpointRouteBuilder app, DashboardAssets assets)
    {
        app.MapMethods("/", GetHead, (HttpContext http) => Index(http, assets));
        app.MapMethods("/index.html", GetHead, (HttpContext http) => Index(http, assets));
        app.MapMethods("/collectors/{id}", GetHead, (HttpContext http) => Index(http, assets));
        app.MapMethods("/assets/{**path}", GetHead, (string? path, HttpContext http) =>
            assets.Find("assets/" + path) is { } asset
                ? Serve(http, asset, AssetCache)
                : Problem.NotFound($"no dashboard asset '{path}': the page may be older than the daemon; reload it", "path"));
    }

    private static IResult Index(HttpContext http, DashboardAssets assets) =>
        assets.Index is { } index
            ? Serve(http, index, IndexCache)
            : Problem.NotFound("this fathomd was built without its dashboard (web/dist was empty)");

    private static IResult Serve(HttpContext http, DashboardAsset asset, string cacheControl)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.XContentTypeOptions = "nosniff";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = Policy;
            headers["Referrer-Policy"] = "no-referrer";
        }

        return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }
}
