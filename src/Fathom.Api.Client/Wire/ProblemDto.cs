namespace Fathom.Api.Client.Wire;

/// <summary>
/// An RFC 9457 problem document (application/problem+json): what went wrong and, for a bad
/// request, which query parameter (<see cref="Parameter"/>). <see cref="Errors"/> lists several
/// mistakes at once (a rejected reload's configuration errors).
/// </summary>
public sealed record ProblemDto(string Type, string Title, int Status, string? Detail, string? Instance, string? Parameter, IReadOnlyList<string>? Errors);
