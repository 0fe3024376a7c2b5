namespace Fathom.Collectors.Dns;

/// <summary>
/// What <see cref="DnsParser.Parse"/> made of a message: the whole message, or the reason it is
/// malformed together with the header and question when those were still readable (so a caller can
/// tell a broken reply to its own query from a stray one).
/// </summary>
internal sealed record DnsParseResult(DnsHeader? Header, DnsQuestion? Question, DnsMessage? Message, string? Error);
