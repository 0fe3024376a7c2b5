using System.Globalization;
using System.Text;
using Fathom.Collectors.Common.Sockets;
using Fathom.Collectors.Common.Tls;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Http;

/// <summary>
/// The http collector's warm-up: its own probe, with its method, headers, body and expectations,
/// against a loopback server that redirects once and answers chunked (TLS when the URL is https).
/// </summary>
internal static class HttpWarmup
{
    private static readonly byte[] Redirect = Encoding.ASCII.GetBytes("HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private static readonly byte[] Final = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\nok\r\n0\r\n\r\n");

    /// <summary>Null when the warming probe succeeded, else its failure (for tests: a failed warm-up warms little).</summary>
    public static async Task<string?> RunAsync(HttpSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var https = settings.Url.Scheme == Uri.UriSchemeHttps;
        if (settings.Url.HostNameType == UriHostNameType.Dns)
        {
            // The resolver's first use loads its libraries and configuration.
            await Connector.ResolveAsync("localhost", cancellationToken).ConfigureAwait(false);
        }

        await using var listener = new LoopbackListener(https, ServeAsync);
        var url = new Uri($"{settings.Url.Scheme}://127.0.0.1:{listener.Port.ToString(CultureInfo.InvariantCulture)}/");
        var probe = new HttpProbe(settings with { Url = url }, new TlsSettings(Insecure: true));
        return (await probe.RunAsync(time, cancellationToken).ConfigureAwait(false)).Failure;
    }

    /// <summary>Reads one request (head and Content-Length body), answers it, and lets the connection close.</summary>
    private static async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        int end;
        while ((end = IndexOfBlankLine(buffer.AsSpan(0, length))) < 0)
        {
            var n = length < buffer.Length ? await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false) : 0;
            if (n == 0)
            {
                return;
            }

            length += n;
        }

        var head = Encoding.Latin1.GetString(buffer, 0, end);
        for (var body = ContentLength(head) - (length - end - 4); body > 0;)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            body -= n;
        }

        await stream.WriteAsync(head.Contains(" /final ", StringComparison.Ordinal) ? Final : Redirect, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static int IndexOfBlankLine(ReadOnlySpan<byte> data) => data.IndexOf("\r\n\r\n"u8);

    private static long ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line.AsSpan(15).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
        }

        return 0;
    }
}
