namespace Fathom.Collectors.Net;

/// <summary>
/// <see cref="Datagram"/> with the source left as sockaddr bytes: how many of them were written,
/// when the packet arrived as a Stopwatch timestamp, and the queued error if any.
/// </summary>
internal readonly record struct RawDatagram(int SourceLength, long ReceivedTicks, bool Truncated, ExtendedError? Error);
