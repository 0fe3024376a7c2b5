using Fathom.Api.Client.Wire;
using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Problems;

/// <summary>
/// RFC 9457 problem documents: every error the API returns is one, with the status, a title, what
/// exactly was wrong (detail) and, for a bad query parameter, which one.
/// </summary>
internal static class Problem
{
    public const string ContentType = "application/problem+json";

    public static IResult BadRequest(string parameter, string detail) =>
        Make(StatusCodes.Status400BadRequest, "bad-request", "Bad request", detail, parameter);

    public static IResult NotFound(string detail, string? parameter = null) =>
        Make(StatusCodes.Status404NotFound, "not-found", "Not found", detail, parameter);

    public static IResult Unauthorized(string detail) =>
        Make(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail, null);

    public static IResult Forbidden(string detail) =>
        Make(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail, null);

    public static IResult Conflict(string detail) =>
        Make(StatusCodes.Status409Conflict, "conflict", "Conflict", detail, null);

    public static IResult PayloadTooLarge(string detail) =>
        Make(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large", detail, null);

    public static IResult Unavailable(string detail) =>
        Make(StatusCodes.Status503ServiceUnavailable, "unavailable", "Service unavailable", detail, null);

    public static IResult Make(int status, string type, string title, string? detail, string? parameter, IReadOnlyList<string>? errors = null) =>
        Results.Json(
            new ProblemDto($"urn:fathom:problem:{type}", title, status, detail, null, parameter, errors),
            ApiJson.Default.ProblemDto,
            ContentType,
            status);
}
