using System.Net;
using System.Net.Sockets;

namespace Fathom.Lookup.Hints;

/// <summary>
/// A real TCP connect, timed from after name resolution (so a slow resolver does not count as a
/// far server) and closed at once without sending anything, as perfSONAR's client probes its
/// server. Name resolution and connect together are bounded by the timeout.
/// </summary>
public sealed class TcpConnectProber(TimeProvider time) : IConnectProber
{
    /// <inheritdoc />
    public async Task<TimeSpan?> ProbeAsync(Uri locator, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locator);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            var addresses = IPAddress.TryParse(locator.IdnHost.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(locator.IdnHost, bounded.Token).ConfigureAwait(false);
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var started = time.GetTimestamp();
            await socket.ConnectAsync(addresses, locator.Port, bounded.Token).ConfigureAwait(false);
            return time.GetElapsedTime(started);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // timed out
        }
        catch (SocketException)
        {
            return null; // refused, unreachable, or the name does not resolve
        }
    }
}
