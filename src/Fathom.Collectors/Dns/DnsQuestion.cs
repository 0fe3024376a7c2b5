namespace Fathom.Collectors.Dns;

/// <summary>The question of a query or response; <see cref="Name"/> is presentation text with the trailing dot.</summary>
internal sealed record DnsQuestion(string Name, ushort Type, ushort Class = 1)
{
    public bool Matches(DnsQuestion other) => Type == other.Type && Class == other.Class && DnsName.Same(Name, other.Name);
}
