namespace Fathom.Collectors.Dns;

/// <summary>One resource record, its RDATA already in presentation text (e.g. "10 mail.m.test.").</summary>
internal sealed record DnsRecord(string Name, ushort Type, ushort Class, uint Ttl, string Data)
{
    public string TypeName => DnsRecordType.Name(Type);
}
