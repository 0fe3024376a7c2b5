using System.Text.Json.Serialization;

namespace Fathom.Collectors.Dns;

/// <summary>One record of the dns.answer event.</summary>
internal sealed record DnsAnswer(string Name, string Type, uint Ttl, string Data)
{
    public static DnsAnswer From(DnsRecord r) => new(r.Name, r.TypeName, r.Ttl, r.Data);

    /// <summary>What identifies an answer for change detection: TTLs count down in caches and are left out.</summary>
    [JsonIgnore]
    public string Identity => $"{Name.ToLowerInvariant()} {Type} {Data}";
}
