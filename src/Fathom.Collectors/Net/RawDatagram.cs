namespace Fathom.Collectors.Net;

/// <summary>
/// <see cref="Datagram"/> with the source left as sockaddr bytes: how many of them were written,
/// when the packet arrived (the kernel receive timestamp, CLOCK_REALTIME ns), and the queued error if any.
/// </summary>
internal readonly record struct RawDatagram(int SourceLength, long ReceivedRealtimeNs, bool Truncated, ExtendedError? Error);
