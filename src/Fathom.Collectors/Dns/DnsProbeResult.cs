namespace Fathom.Collectors.Dns;

/// <summary>A server's reply (or the reason there is none) and the probe's whole duration.</summary>
internal sealed record DnsProbeResult(DnsExchange? Exchange, string? Error, TimeSpan Duration);
