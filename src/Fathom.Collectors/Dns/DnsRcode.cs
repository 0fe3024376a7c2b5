using System.Globalization;

namespace Fathom.Collectors.Dns;

/// <summary>Response codes of the 4-bit header field (RFC 1035, RFC 2136).</summary>
internal static class DnsRcode
{
    private static readonly string[] Names =
        ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];

    public static string Name(int rcode) =>
        rcode >= 0 && rcode < Names.Length ? Names[rcode] : "RCODE" + rcode.ToString(CultureInfo.InvariantCulture);

    /// <summary>A mnemonic (any case) or a number 0–15.</summary>
    public static bool TryParse(string text, out int rcode)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                rcode = i;
                return true;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out rcode) && rcode <= 15;
    }
}
