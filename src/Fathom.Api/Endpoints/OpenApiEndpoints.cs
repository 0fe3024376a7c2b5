using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Api.Endpoints;

/// <summary>
/// GET /openapi.json: the hand-written OpenAPI 3.1 document embedded in the assembly (a generator
/// would need reflection the NativeAOT daemon does not have); a test holds it equal to the routes mapped.
/// </summary>
internal static class OpenApiEndpoints
{
    public const string ResourceName = "Fathom.Api.OpenApi.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Load);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/openapi.json", static () => Results.Bytes(Document.Value, "application/json"));

    public static byte[] Load()
    {
        using var stream = typeof(OpenApiEndpoints).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in Fathom.Api");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
