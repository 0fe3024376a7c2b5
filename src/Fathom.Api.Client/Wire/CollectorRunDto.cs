namespace Fathom.Api.Client.Wire;

/// <summary>A collector's last run: when it started, how long it took (ms), and its error (null when it succeeded).</summary>
public sealed record CollectorRunDto(DateTimeOffset Start, double DurationMs, string? Error);
