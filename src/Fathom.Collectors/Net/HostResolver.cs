using System.Net;
using System.Net.Sockets;

namespace Fathom.Collectors.Net;

/// <summary>Turns a target (an address or a host name) into one address, with a deadline.</summary>
internal static class HostResolver
{
    /// <summary>The address, or null and the reason it could not be resolved.</summary>
    public static async Task<(IPAddress? Address, string? Error)> ResolveAsync(string target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(target, out var literal))
        {
            return (literal, null);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(target, deadline.Token).ConfigureAwait(false);
            foreach (var a in addresses)
            {
                if (a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                {
                    return (a, null);
                }
            }

            return (null, $"cannot resolve {target}: no address");
        }
        catch (SocketException e)
        {
            return (null, $"cannot resolve {target}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"cannot resolve {target}: no answer within {timeout.TotalSeconds:0.###} s");
        }
    }
}
