using System.Net;

namespace Fathom.Collectors.Net;

/// <summary>
/// What came with one received packet: its source (for the error queue: the original
/// destination), when it arrived (the kernel receive timestamp, CLOCK_REALTIME ns), and the queued error if any.
/// </summary>
internal readonly record struct Datagram(IPEndPoint? Source, long ReceivedRealtimeNs, bool Truncated, ExtendedError? Error);
