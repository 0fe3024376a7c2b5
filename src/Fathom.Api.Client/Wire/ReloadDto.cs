namespace Fathom.Api.Client.Wire;

/// <summary>POST /api/v1/reload, applied: the file read and what became of the collectors (kept, restarted, stopped, started).</summary>
public sealed record ReloadDto(string Config, int Kept, int Restarted, int Stopped, int Started, IReadOnlyList<string> Collectors);
