using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fathom.Collectors.Dns;

/// <summary>Domain names as text ("a.test.") and on the wire (length-prefixed labels).</summary>
internal static class DnsName
{
    /// <summary>The wire form of a name written as text; throws <see cref="FormatException"/> with the reason.</summary>
    public static byte[] ToWire(string name)
    {
        var text = name.EndsWith('.') && name.Length > 1 ? name[..^1] : name;
        var wire = new List<byte>(text.Length + 2);
        if (text != ".")
        {
            foreach (var label in text.Split('.'))
            {
                if (label.Length is 0 or > 63)
                {
                    throw new FormatException($"'{name}' has a label of {label.Length} characters (1 to 63 allowed)");
                }

                if (!Ascii.IsValid(label) || label.Any(c => c <= ' ' || c == '\\'))
                {
                    throw new FormatException($"'{name}' must be plain ASCII without spaces or escapes (write internationalised names as xn--)");
                }

                wire.Add((byte)label.Length);
                wire.AddRange(Encoding.ASCII.GetBytes(label));
            }
        }

        wire.Add(0);
        return wire.Count > 255 ? throw new FormatException($"'{name}' is longer than 255 bytes on the wire") : [.. wire];
    }

    /// <summary>The canonical text of a configured name: lower-case kept as given, with the trailing dot.</summary>
    public static string Canonical(string name) => name == "." || name.EndsWith('.') ? name : name + ".";

    /// <summary>A name as written in a tag: without the trailing dot (but the root, "."), as users type it.</summary>
    public static string Display(string name) => name.Length > 1 && name.EndsWith('.') ? name[..^1] : name;

    /// <summary>The in-addr.arpa / ip6.arpa name of an address, for a PTR query written as an address.</summary>
    public static string Reverse(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var sb = new StringBuilder();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                sb.Append(bytes[i]).Append('.');
            }

            return sb.Append("in-addr.arpa.").ToString();
        }

        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            sb.Append("0123456789abcdef"[bytes[i] & 0xf]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }

        return sb.Append("ip6.arpa.").ToString();
    }

    /// <summary>Appends a label (or TXT string) as presentation text: . \ " escaped, other odd bytes as \DDD (like dig).</summary>
    public static void AppendLabel(StringBuilder sb, ReadOnlySpan<byte> label, bool keepSpaces = false)
    {
        foreach (var b in label)
        {
            if (b == ' ' && keepSpaces)
            {
                sb.Append(' ');
            }
            else if ((b == '.' && !keepSpaces) || b is (byte)'\\' or (byte)'"')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (b is < 0x21 or > 0x7e)
            {
                sb.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }
    }

    /// <summary>DNS names compare ASCII-case-insensitively (servers may echo 0x20-mixed case).</summary>
    public static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
