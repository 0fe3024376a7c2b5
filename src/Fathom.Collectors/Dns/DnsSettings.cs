namespace Fathom.Collectors.Dns;

/// <summary>A dns collector block, checked. <see cref="Timeout"/> is per server, inside the run's own timeout.</summary>
internal sealed record DnsSettings(
    DnsQuestion Question,
    byte[] WireName,
    IReadOnlyList<DnsServer> Servers,
    TimeSpan Timeout,
    int ExpectRcode,
    bool Recursion,
    bool TcpOnly)
{
    public string TypeName => DnsRecordType.Name(Question.Type);
}
