namespace Fathom.Api.Client.Wire;

/// <summary>One readiness check (config, archive, collectors): whether it passes and why not.</summary>
public sealed record ReadinessCheckDto(string Name, bool Ok, string? Detail);
