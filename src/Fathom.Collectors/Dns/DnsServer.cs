using System.Globalization;
using System.Net;

namespace Fathom.Collectors.Dns;

/// <summary>A server to ask: "host", "host:port", "[v6]:port" or a bare IPv6 address; port 53 by default.</summary>
internal sealed record DnsServer(string Text, string Host, int Port)
{
    public const int DefaultPort = 53;

    /// <summary>Parses a 'server' value; throws <see cref="FormatException"/> with the reason.</summary>
    public static DnsServer Parse(string text)
    {
        string host;
        var port = DefaultPort;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"'{text}' has '[' without ']'");
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest[0] == ':' ? ParsePort(text, rest[1..]) : throw new FormatException($"'{text}' must be [address]:port");
            }

            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                throw new FormatException($"'{host}' in '{text}' is not an IPv6 address");
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = ParsePort(text, text[(colon + 1)..]);
        }
        else
        {
            // No colon: a host; several: a bare IPv6 address (its port is the default).
            host = text;
            if (text.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(text, out _))
            {
                throw new FormatException($"'{text}' is not an IPv6 address (write [address]:port to give a port)");
            }
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"'{text}' has no valid host");
        }

        return new DnsServer(text, host, port);
    }

    /// <summary>The endpoint to send to: an address literal as is, a host name through the system resolver.</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var address))
        {
            return new IPEndPoint(address, Port);
        }

        var addresses = await System.Net.Dns.GetHostAddressesAsync(Host, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], Port)
            : throw new DnsProbeException($"server name {Host} has no address");
    }

    private static int ParsePort(string text, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? p
            : throw new FormatException($"'{port}' in '{text}' is not a port (1 to 65535)");
}
