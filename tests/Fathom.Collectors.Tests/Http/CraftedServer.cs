using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fathom.Collectors.Tests.Tcp;

namespace Fathom.Collectors.Tests.Http;

/// <summary>One request as the crafted server read it.</summary>
internal sealed record SeenRequest(string Head, string Body)
{
    public string RequestLine => Head.Split("\r\n")[0];

    public string Path => RequestLine.Split(' ')[1];
}

/// <summary>
/// A hand-rolled HTTP server on a LocalServer: reads each request, then lets the test write any
/// bytes it likes (slow, chunked, malformed) as the response. Keeps every request it saw.
/// </summary>
internal static class CraftedServer
{
    public static LocalServer Start(Func<SeenRequest, Stream, CancellationToken, Task> respond, List<SeenRequest>? seen = null, X509Certificate2? certificate = null, IPAddress? address = null) =>
        LocalServer.Start(
            async (stream, ct) =>
            {
                var request = await ReadRequestAsync(stream, ct);
                if (seen is not null)
                {
                    lock (seen)
                    {
                        seen.Add(request);
                    }
                }

                await respond(request, stream, ct);
                await stream.FlushAsync(ct);
            },
            certificate,
            address);

    /// <summary>Answers every request with the same raw bytes.</summary>
    public static LocalServer Raw(string response) => Start((_, s, ct) => WriteAsync(s, response, ct));

    public static async Task WriteAsync(Stream stream, string text, CancellationToken ct) =>
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), ct);

    public static string Ok(string body, string type = "text/plain") =>
        $"HTTP/1.1 200 OK\r\nContent-Type: {type}\r\nContent-Length: {Encoding.Latin1.GetByteCount(body)}\r\n\r\n{body}";

    private static async Task<SeenRequest> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(bytes))
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                throw new IOException("client closed before the end of its request");
            }

            bytes.Add(one[0]);
        }

        var head = Encoding.Latin1.GetString([.. bytes]);
        var length = head.Split("\r\n")
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l[15..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        return new SeenRequest(head, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';
}
