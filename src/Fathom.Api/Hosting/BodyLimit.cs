using Fathom.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Hosting;

/// <summary>
/// A request announcing a body over <see cref="ApiServer.MaxRequestBodyBytes"/> gets a 413 problem
/// before any endpoint runs: no endpoint reads such a body, so Kestrel's own limit would never be met.
/// </summary>
internal static class BodyLimit
{
    public static async Task Check(HttpContext http, RequestDelegate next)
    {
        if (http.Request.ContentLength is > ApiServer.MaxRequestBodyBytes and var length)
        {
            await Problem.PayloadTooLarge($"the request body of {length} bytes is over the limit of {ApiServer.MaxRequestBodyBytes} bytes").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
    }
}
