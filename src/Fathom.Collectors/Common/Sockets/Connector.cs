using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Common.Sockets;

/// <summary>Name resolution and TCP connect as two separately timed steps.</summary>
internal static class Connector
{
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        IPAddress[] addresses;
        try
        {
            addresses = await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new ProbeException($"cannot resolve '{host}': {e.Message}", e);
        }

        return addresses.Length > 0 ? addresses : throw new ProbeException($"cannot resolve '{host}': no addresses");
    }

    /// <summary>Tries each address in order (as getaddrinfo sorted them); the last error wins.</summary>
    public static async Task<Socket> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new ProbeException(Describe(last!, addresses, port), last!);
    }

    private static string Describe(SocketException e, IReadOnlyList<IPAddress> addresses, int port)
    {
        var where = addresses.Count == 1 ? new IPEndPoint(addresses[0], port).ToString() : $"{addresses.Count} addresses, port {port}";
        return e.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"connection refused ({where})",
            SocketError.NetworkUnreachable => $"network unreachable ({where})",
            SocketError.HostUnreachable => $"host unreachable ({where})",
            SocketError.TimedOut => $"connect timed out ({where})",
            _ => $"connect failed ({where}): {e.Message}",
        };
    }
}
