namespace Fathom.Api.Client.Wire;

/// <summary>One record: its key ("host", "service/api", "service/collector/ID"), sLS type, uri and expiry (RFC 3339) once registered, renewals since start.</summary>
public sealed record LookupRecordDto(string Key, string Type, string? Uri, string? Expires, long Renewals);
