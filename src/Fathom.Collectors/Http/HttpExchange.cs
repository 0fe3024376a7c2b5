using System.Net.Sockets;
using Fathom.Collectors.Common.Sockets;
using Fathom.Collectors.Common.Tls;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Http;

/// <summary>
/// One request on a fresh connection, each phase timed on one clock: resolve, connect, TLS,
/// request write, time to the first response byte, transfer to the end of the body.
/// </summary>
internal static class HttpExchange
{
    public static async Task RunAsync(Uri url, string method, string? body, HttpSettings settings, TlsSettings tls, HttpHop hop, PhaseClock clock, CancellationToken cancellationToken)
    {
        var https = url.Scheme == Uri.UriSchemeHttps;
        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.IdnHost;
        var addresses = await Connector.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        hop.ResolveMs = clock.Lap("connecting");
        var socket = await Connector.ConnectAsync(addresses, url.Port, cancellationToken).ConfigureAwait(false);
        hop.ConnectMs = clock.Lap(https ? "TLS handshake" : "sending the request");
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (https)
            {
                var handshake = new TlsHandshake(tls, clock.Time);
                try
                {
                    stream = await handshake.AuthenticateAsync(stream, host, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    hop.NotAfter = handshake.NotAfter;
                }

                hop.TlsMs = clock.Lap("sending the request");
            }

            var request = RequestWriter.Build(url, method, settings.Headers, body);
            await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            hop.WriteMs = clock.Lap("waiting for the first response byte");
            var input = new ResponseBuffer(stream, () => hop.TtfbMs = clock.Lap("reading the response"));
            var head = await ReadFinalHeadAsync(input, cancellationToken).ConfigureAwait(false);
            hop.Head = head;
            // Bytes are kept only for expect_body; otherwise only counted.
            hop.Body = new BodySink(settings.ExpectBody is null ? 0 : HttpSettings.BodyKeepLimit);
            if (HasBody(method, head.Status))
            {
                await BodyReader.ReadAsync(input, head, hop.Body, cancellationToken).ConfigureAwait(false);
            }

            hop.TransferMs = clock.Lap("done");
            hop.TotalMs = clock.LappedMs;
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Skips interim 1xx responses (100 Continue, 103 Early Hints).</summary>
    private static async Task<ResponseHead> ReadFinalHeadAsync(ResponseBuffer input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = ResponseHeadParser.Parse(await input.ReadHeadAsync(cancellationToken).ConfigureAwait(false));
            if (head.Status >= 200 || head.Status == 101)
            {
                return head;
            }
        }
    }

    private static bool HasBody(string method, int status) =>
        method != "HEAD" && status is not (204 or 304) && status >= 200;
}
