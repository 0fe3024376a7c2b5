using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>
/// Picks raw ICMP sockets when allowed (CAP_NET_RAW), else unprivileged ICMP datagram sockets,
/// else explains what to change. The probe is injectable so the choice logic is testable.
/// </summary>
internal static class IcmpSocketChooser
{
    private static readonly Lazy<IcmpSocketKind?> Cached = new(() => Choose(TryOpen, out _));
    private static string? _cachedProblem;

    /// <summary>Tries one socket kind; returns 0 or the errno of socket().</summary>
    public delegate int Probe(IcmpSocketKind kind);

    /// <summary>The kind this process may use, or null with the reason in <paramref name="problem"/>.</summary>
    public static IcmpSocketKind? Choose(Probe probe, out string? problem)
    {
        problem = null;
        var raw = probe(IcmpSocketKind.Raw);
        if (raw == 0)
        {
            return IcmpSocketKind.Raw;
        }

        var dgram = probe(IcmpSocketKind.Datagram);
        if (dgram == 0)
        {
            return IcmpSocketKind.Datagram;
        }

        problem = $"cannot open an ICMP socket: raw sockets need CAP_NET_RAW ({Libc.ErrorText(raw)}), and ICMP datagram sockets " +
            $"are not allowed for group {CurrentGid()} ({Libc.ErrorText(dgram)}): " +
            $"net.ipv4.ping_group_range is '{ReadRange()}' (e.g. sysctl -w net.ipv4.ping_group_range=\"0 2147483647\")";
        return null;
    }

    /// <summary>The process-wide choice, made once; throws InvalidOperationException with the reason when neither works.</summary>
    public static IcmpSocketKind Current
    {
        get
        {
            if (Cached.Value is { } kind)
            {
                return kind;
            }

            Choose(TryOpen, out _cachedProblem);
            throw new InvalidOperationException(_cachedProblem);
        }
    }

    private static int TryOpen(IcmpSocketKind kind)
    {
        using var s = NativeSocket.TryOpen(Libc.AfInet, kind == IcmpSocketKind.Raw ? Libc.SockRaw : Libc.SockDgram, Libc.IpProtoIcmp, out var errno);
        return errno;
    }

    private static string CurrentGid()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Gid:", StringComparison.Ordinal))
            {
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
            }
        }

        return "?";
    }

    private static string ReadRange()
    {
        try
        {
            return File.ReadAllText("/proc/sys/net/ipv4/ping_group_range").Trim().Replace('\t', ' ');
        }
        catch (IOException)
        {
            return "unreadable";
        }
    }
}
