using System.Net.Sockets;
using Fathom.Collectors.Common.Sockets;
using Fathom.Collectors.Common.Tls;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Tcp;

/// <summary>One connect (and TLS handshake) to one target; every failure becomes a worded result.</summary>
internal sealed class TcpProbe(HostPort target, bool tls, string? serverName, TimeSpan timeout, TlsSettings tlsSettings)
{
    public HostPort Target { get; } = target;

    public bool Tls => tls;

    /// <summary>This probe against 127.0.0.1:<paramref name="port"/> (a warm-up's own listener), accepting its certificate.</summary>
    public TcpProbe Loopback(int port) => new(new HostPort("127.0.0.1", port), tls, "localhost", timeout, tlsSettings with { Insecure = true });

    public async Task<TcpResult> RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var result = new TcpResult();
        var clock = new PhaseClock(time);
        using var deadline = new ProbeDeadline(timeout, time, cancellationToken);
        try
        {
            var addresses = await Connector.ResolveAsync(Target.Host, deadline.Token).ConfigureAwait(false);
            result.ResolveMs = clock.Lap("connecting");
            var socket = await Connector.ConnectAsync(addresses, Target.Port, deadline.Token).ConfigureAwait(false);
            result.ConnectMs = clock.Lap("TLS handshake");
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            if (tls)
            {
                var handshake = new TlsHandshake(tlsSettings, time);
                try
                {
                    await using var ssl = await handshake.AuthenticateAsync(stream, serverName ?? Target.Host, deadline.Token).ConfigureAwait(false);
                    result.TlsMs = clock.Lap("closing");
                }
                finally
                {
                    result.NotAfter = handshake.NotAfter;
                }
            }
        }
        catch (Exception e)
        {
            result.Failure = deadline.Reason(e, clock.Phase);
        }

        result.Duration = clock.Elapsed;
        return result;
    }
}
