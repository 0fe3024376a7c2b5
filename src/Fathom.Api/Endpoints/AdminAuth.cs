using System.Security.Cryptography;
using System.Text;
using Fathom.Api.Hosting;
using Fathom.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Endpoints;

/// <summary>
/// Admin endpoints need "Authorization: Bearer TOKEN" with the token of token_file. Both sides are
/// hashed first, then compared in constant time: neither the content nor the length leaks through timing.
/// </summary>
internal static class AdminAuth
{
    /// <summary>Null when the request may go on; else the problem to answer with (401, or 403 when no token is configured).</summary>
    public static IResult? Refuse(HttpContext http, ApiContext api)
    {
        if (api.Settings.Token is not { } token)
        {
            return Problem.Forbidden("admin endpoints are off: set token_file in <api> to enable them");
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"fathom\"";
            return Problem.Unauthorized("this endpoint needs 'Authorization: Bearer TOKEN' with the token of the api's token_file");
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"fathom\", error=\"invalid_token\"";
            return Problem.Unauthorized("the bearer token is not the api's token");
        }

        return null;
    }
}
