namespace Fathom.Collectors.Dns;

/// <summary>The record types the collector asks for, by mnemonic and number (RFC 1035, RFC 3596).</summary>
internal static class DnsRecordType
{
    public const ushort A = 1;
    public const ushort NS = 2;
    public const ushort CNAME = 5;
    public const ushort SOA = 6;
    public const ushort PTR = 12;
    public const ushort MX = 15;
    public const ushort TXT = 16;
    public const ushort AAAA = 28;

    /// <summary>The mnemonics accepted by the 'type' key.</summary>
    public static readonly string[] Supported = ["A", "AAAA", "MX", "TXT", "NS", "SOA", "CNAME", "PTR"];

    public static ushort FromName(string name) => name switch
    {
        "A" => A,
        "NS" => NS,
        "CNAME" => CNAME,
        "SOA" => SOA,
        "PTR" => PTR,
        "MX" => MX,
        "TXT" => TXT,
        "AAAA" => AAAA,
        _ => throw new ArgumentException($"unsupported record type {name}", nameof(name)),
    };

    /// <summary>The mnemonic, or RFC 3597's TYPEnnn for a type we do not know.</summary>
    public static string Name(ushort type) => type switch
    {
        A => "A",
        NS => "NS",
        CNAME => "CNAME",
        SOA => "SOA",
        PTR => "PTR",
        MX => "MX",
        TXT => "TXT",
        AAAA => "AAAA",
        41 => "OPT",
        _ => "TYPE" + type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
