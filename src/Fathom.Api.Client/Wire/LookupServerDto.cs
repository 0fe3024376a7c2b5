namespace Fathom.Api.Client.Wire;

/// <summary>One lookup server: reachable or since when not (RFC 3339), the last error, and this daemon's records there.</summary>
public sealed record LookupServerDto(string Url, bool Reachable, string? DownSince, string? LastError, IReadOnlyList<LookupRecordDto> Records);
