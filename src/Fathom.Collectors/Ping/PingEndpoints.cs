using Fathom.Collectors.Net;

namespace Fathom.Collectors.Ping;

/// <summary>
/// The process's ping endpoints, one per (family, TTL), shared by every ping collector. An
/// endpoint lives while some run holds a lease, and lingers a little after the last one so a
/// collector running every second does not reopen its socket (and restart its thread) each run.
/// </summary>
internal static class PingEndpoints
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<(bool V6, int Ttl), Entry> Open = [];

    /// <summary>Endpoints currently open (for tests).</summary>
    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return Open.Count;
            }
        }
    }

    public static Lease Acquire(IcmpSocketKind kind, bool v6, int ttl)
    {
        lock (Gate)
        {
            if (!Open.TryGetValue((v6, ttl), out var entry))
            {
                entry = new Entry(new PingEndpoint(kind, v6, ttl), (v6, ttl));
                Open[(v6, ttl)] = entry;
            }

            entry.Users++;
            entry.CloseTimer?.Dispose();
            entry.CloseTimer = null;
            return new Lease(entry);
        }
    }

    private static void Return(Entry entry)
    {
        lock (Gate)
        {
            if (--entry.Users > 0)
            {
                return;
            }

            entry.CloseTimer = new Timer(static state => CloseIfIdle((Entry)state!), entry, Linger, Timeout.InfiniteTimeSpan);
        }
    }

    private static void CloseIfIdle(Entry entry)
    {
        lock (Gate)
        {
            if (entry.Users > 0 || !Open.Remove(entry.Key))
            {
                return;
            }

            entry.CloseTimer?.Dispose();
        }

        entry.Endpoint.Dispose();
    }

    internal sealed class Entry(PingEndpoint endpoint, (bool, int) key)
    {
        public PingEndpoint Endpoint { get; } = endpoint;

        public (bool V6, int Ttl) Key { get; } = key;

        public int Users { get; set; }

        public Timer? CloseTimer { get; set; }
    }

    /// <summary>A run's hold on an endpoint; dispose exactly once.</summary>
    public sealed class Lease : IDisposable
    {
        private Entry? _entry;

        internal Lease(Entry entry) => _entry = entry;

        public PingEndpoint Endpoint => _entry?.Endpoint ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _entry, null) is { } e)
            {
                Return(e);
            }
        }
    }
}
