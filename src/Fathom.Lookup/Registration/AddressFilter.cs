using System.Net;
using System.Net.Sockets;

namespace Fathom.Lookup.Registration;

/// <summary>
/// Which addresses are worth publishing: a public lookup service is no place for addresses only
/// this host or its site can reach (private, loopback, link-local, unique-local, carrier-grade
/// NAT, documentation, unspecified, multicast), as ls-registration-daemon leaves them out too.
/// </summary>
public static class AddressFilter
{
    private static readonly (IPAddress Network, int Prefix)[] Internal =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.0.2.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24),
        (IPAddress.Parse("224.0.0.0"), 3),
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("ff00::"), 8),
        (IPAddress.Parse("2001:db8::"), 32),
        (IPAddress.Parse("3fff::"), 20),
    ];

    /// <summary>True for an address only this host or its site can reach.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return Internal.Any(n => n.Network.AddressFamily == address.AddressFamily && new IPNetwork(n.Network, n.Prefix).Contains(address));
    }

    /// <summary>The addresses to publish, in order and without repeats (scope ids dropped); internal ones only when allowed.</summary>
    public static IReadOnlyList<IPAddress> Publishable(IEnumerable<IPAddress> addresses, bool allowInternal)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return [.. addresses
            .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
            .Select(a => a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId != 0 ? new IPAddress(a.GetAddressBytes()) : a)
            .Where(a => allowInternal || !IsInternal(a))
            .Distinct()];
    }
}
