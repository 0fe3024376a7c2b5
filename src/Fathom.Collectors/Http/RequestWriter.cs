using System.Text;

namespace Fathom.Collectors.Http;

/// <summary>Builds an HTTP/1.1 request: one connection per request, closed by the server after it.</summary>
internal static class RequestWriter
{
    public static byte[] Build(Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> headers, string? body)
    {
        var sb = new StringBuilder(256);
        sb.Append(method).Append(' ').Append(url.PathAndQuery).Append(" HTTP/1.1\r\n");
        if (!Has(headers, "Host"))
        {
            var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;
            sb.Append("Host: ").Append(host);
            _ = url.IsDefaultPort ? sb : sb.Append(':').Append(url.Port);
            sb.Append("\r\n");
        }

        if (!Has(headers, "User-Agent"))
        {
            sb.Append("User-Agent: Fathom\r\n");
        }

        if (!Has(headers, "Accept"))
        {
            sb.Append("Accept: */*\r\n");
        }

        sb.Append("Connection: close\r\n");
        var content = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            sb.Append("Content-Length: ").Append(content.Length).Append("\r\n");
        }

        foreach (var h in headers)
        {
            sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
        }

        sb.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(sb.ToString()), .. content];
    }

    private static bool Has(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        foreach (var h in headers)
        {
            if (h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
