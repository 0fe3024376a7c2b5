using System.Net;
using Fathom.Collectors.Common.Sockets;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Tcp;

/// <summary>The tcp collector's warm-up: its own probe code, TLS included when used, against a loopback listener.</summary>
internal static class TcpWarmup
{
    /// <summary>Null when the warming probe succeeded, else its failure (for tests: a failed warm-up warms little).</summary>
    public static async Task<string?> RunAsync(IReadOnlyList<TcpProbe> probes, TimeProvider time, CancellationToken cancellationToken)
    {
        if (probes.Count == 0)
        {
            return null;
        }

        if (probes.Any(p => !IPAddress.TryParse(p.Target.Host, out _)))
        {
            // The resolver's first use loads its libraries and configuration.
            await Connector.ResolveAsync("localhost", cancellationToken).ConfigureAwait(false);
        }

        // The server closes once the handshake (if any) is done: exactly what a tcp probe waits for.
        await using var listener = new LoopbackListener(probes[0].Tls, static (_, _) => Task.CompletedTask);
        var result = await probes[0].Loopback(listener.Port).RunAsync(time, cancellationToken).ConfigureAwait(false);
        return result.Failure;
    }
}
