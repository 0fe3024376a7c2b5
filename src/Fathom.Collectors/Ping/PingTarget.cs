using System.Net;
using Fathom.Collectors.Net;

namespace Fathom.Collectors.Ping;

/// <summary>
/// One target of a ping collector, kept across runs. Its tally is reset when a run starts, written
/// only by its endpoint's thread while the run is in flight, and read once the run is over.
/// </summary>
internal sealed class PingTarget
{
    private readonly List<double> _rtts = [];
    private readonly IPAddress? _literal;
    private readonly byte[] _sockAddr = new byte[Net.SockAddr.MaxLength];
    private IPAddress? _encoded;
    private int _sockAddrLength;

    public PingTarget(string name)
    {
        Name = name;
        // A literal address needs no resolving, run after run.
        _literal = IPAddress.TryParse(name, out var literal) ? literal : null;
    }

    public string Name { get; }

    /// <summary>True for a host name, resolved again at every run.</summary>
    public bool IsName => _literal is null;

    public IPAddress? Address { get; private set; }

    public string? ResolveError { get; private set; }

    /// <summary>The address as a sockaddr, for sendto and to match a reply's source without allocating.</summary>
    public ReadOnlySpan<byte> SockAddr => _sockAddr.AsSpan(0, _sockAddrLength);

    public int Sent { get; private set; }

    public string? SendError { get; private set; }

    public string? IcmpError { get; private set; }

    public int Errors { get; private set; }

    /// <summary>Replies in time (with an RTT or with one left out).</summary>
    public int Received { get; private set; }

    /// <summary>Replies whose RTT was impossible (the wall clock stepped between send and arrival): received, without an RTT.</summary>
    public int Discarded { get; private set; }

    public long FirstSentTicks { get; private set; }

    public long LastSettledTicks { get; private set; }

    /// <summary>Clears the last run's tally; a literal target is resolved at once.</summary>
    public void Reset()
    {
        _rtts.Clear();
        Sent = 0;
        Errors = 0;
        Received = 0;
        Discarded = 0;
        SendError = null;
        IcmpError = null;
        FirstSentTicks = 0;
        LastSettledTicks = 0;
        Resolved(_literal, null);
    }

    public void Resolved(IPAddress? address, string? error)
    {
        Address = address;
        ResolveError = error;
        if (address is not null && !address.Equals(_encoded))
        {
            _sockAddrLength = Net.SockAddr.Write(_sockAddr, address, 0);
            _encoded = address;
        }
    }

    /// <summary>True when <paramref name="source"/> (a received sockaddr) is this target's address (and scope).</summary>
    public bool IsFrom(ReadOnlySpan<byte> source)
    {
        // Family, then the address: bytes 4-8 of a sockaddr_in; 8-24 and the scope 24-28 of a sockaddr_in6.
        var from = _sockAddrLength == 16 ? 4 : 8;
        return source.Length == _sockAddrLength && _sockAddrLength > 0
            && source[..2].SequenceEqual(_sockAddr.AsSpan(0, 2))
            && source[from.._sockAddrLength].SequenceEqual(_sockAddr.AsSpan(from, _sockAddrLength - from));
    }

    public void AddSent(long ticks)
    {
        if (Sent++ == 0)
        {
            FirstSentTicks = ticks;
        }
    }

    public void AddSendError(string error) => SendError ??= error;

    public void AddReply(double? rttMs, double timeoutMs, long receivedTicks)
    {
        if (rttMs is not { } rtt)
        {
            Received++;
            Discarded++;
        }
        else if (rtt <= timeoutMs)
        {
            // A reply later than the per-probe timeout counts as lost, as with ping -W.
            Received++;
            _rtts.Add(rtt);
        }

        LastSettledTicks = Math.Max(LastSettledTicks, receivedTicks);
    }

    public void AddError(string error, long ticks)
    {
        Errors++;
        IcmpError ??= error;
        LastSettledTicks = Math.Max(LastSettledTicks, ticks);
    }

    public PingStats Stats() => PingStats.Of(Sent, Received, _rtts);
}
