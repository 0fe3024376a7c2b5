namespace Fathom.Core.Measurements;

/// <summary>
/// perfSONAR's status of an element at a time: operational state (up, down, degraded, unknown)
/// and optionally an administrative state (normal, maintenance, troubleshooting, underrepair).
/// </summary>
public sealed record StatusRecord(string Element, long TimeUnixNs, string Oper, string? Admin);
