namespace Fathom.Collectors.Dns;

/// <summary>A parsed reply, whether TCP was needed, and the query time over the transport that answered.</summary>
internal sealed record DnsExchange(DnsMessage Message, bool Tcp, TimeSpan QueryTime);
