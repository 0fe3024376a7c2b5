using System.Net;
using Fathom.Core.Configuration;

namespace Fathom.Api.Configuration;

/// <summary>One address the API listens on (port 0: any free port, logged once bound), and where the config said so.</summary>
public sealed record ApiListen(IPAddress Address, int Port, ConfigLocation Location)
{
    /// <summary>Loopback only (127.0.0.0/8, ::1): anything else needs a token.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Address}]:{Port}"
        : $"{Address}:{Port}";
}
