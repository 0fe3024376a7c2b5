using System.Net;

namespace Fathom.Collectors.Net;

/// <summary>
/// What came with one received packet: its source (for the error queue: the original
/// destination), when it arrived as a Stopwatch timestamp, and the queued error if any.
/// </summary>
internal readonly record struct Datagram(IPEndPoint? Source, long ReceivedTicks, bool Truncated, ExtendedError? Error);
