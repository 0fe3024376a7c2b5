using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>sockaddr_in / sockaddr_in6 encoding and decoding (ports in network byte order).</summary>
internal static class SockAddr
{
    /// <summary>Room for either kind.</summary>
    public const int MaxLength = 28;

    /// <summary>Writes <paramref name="address"/>:<paramref name="port"/> and returns the length used.</summary>
    public static int Write(Span<byte> buffer, IPAddress address, int port)
    {
        buffer[..MaxLength].Clear();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, Libc.AfInet);
            BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)port);
            address.TryWriteBytes(buffer.Slice(4, 4), out _);
            return 16;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(buffer, Libc.AfInet6);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)port);
        address.TryWriteBytes(buffer.Slice(8, 16), out _);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[24..], (uint)address.ScopeId);
        return 28;
    }

    /// <summary>The address and port in a sockaddr, or null when it is neither kind or too short.</summary>
    public static IPEndPoint? Read(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(buffer) == Libc.AfInet)
        {
            return new IPEndPoint(new IPAddress(buffer.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]));
        }

        if (buffer.Length >= 24 && BinaryPrimitives.ReadUInt16LittleEndian(buffer) == Libc.AfInet6)
        {
            var scope = buffer.Length >= 28 ? BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]) : 0;
            return new IPEndPoint(new IPAddress(buffer.Slice(8, 16), scope), BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]));
        }

        return null;
    }
}
