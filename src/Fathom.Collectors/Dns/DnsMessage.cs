namespace Fathom.Collectors.Dns;

/// <summary>A fully parsed response; <see cref="Question"/> is null only when the server sent none.</summary>
internal sealed record DnsMessage(
    DnsHeader Header,
    DnsQuestion? Question,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Authority,
    IReadOnlyList<DnsRecord> Additional);
