using Fathom.Api.Client.Wire;

namespace Fathom.Api.Hosting;

/// <summary>
/// What a reload asked for through the API did: <see cref="Applied"/> when the new configuration
/// is in force; else <see cref="Errors"/> (file:line each: the running configuration is kept), or
/// <see cref="Unavailable"/> when the daemon could not reload at all (it is stopping).
/// </summary>
public sealed record ReloadResult(ReloadDto? Applied, IReadOnlyList<string> Errors, string? Unavailable = null)
{
    public static ReloadResult Rejected(IReadOnlyList<string> errors) => new(null, errors);
}
