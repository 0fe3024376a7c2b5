using System.Globalization;
using System.Net;

namespace Fathom.Collectors.Tcp;

/// <summary>A "host:port" target: an IPv4 address, a bracketed IPv6 address or a name, and a port.</summary>
internal readonly record struct HostPort(string Host, int Port)
{
    /// <summary>The host as written in a URL or target: IPv6 addresses in brackets.</summary>
    public string Display => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses "host:port"; <paramref name="problem"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string text, out HostPort value, out string problem)
    {
        value = default;
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                problem = $"'{text}' must be [IPv6]:port";
                return false;
            }

            host = text[1..close];
            port = text[(close + 2)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                problem = $"'{host}' in '{text}' is not an IPv6 address";
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                problem = $"'{text}' needs a port: host:port";
                return false;
            }

            host = text[..colon];
            port = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                problem = $"'{text}': an IPv6 address needs brackets, as in [::1]:{port}";
                return false;
            }

            if (host.Length == 0 || Uri.CheckHostName(host) is UriHostNameType.Unknown or UriHostNameType.Basic)
            {
                problem = $"'{host}' in '{text}' is not a host name or address";
                return false;
            }
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
        {
            problem = $"port '{port}' in '{text}' must be a number from 1 to 65535";
            return false;
        }

        value = new HostPort(host, p);
        problem = "";
        return true;
    }
}
