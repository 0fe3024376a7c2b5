using System.Buffers.Binary;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>The control messages of one recvmsg we care about: the receive timestamp and a queued error.</summary>
internal readonly ref struct ControlMessages
{
    private const int HeaderLength = 16;

    public ControlMessages(ReadOnlySpan<byte> control)
    {
        // struct cmsghdr { size_t len; int level; int type; } then data, each aligned to 8 bytes.
        while (control.Length >= HeaderLength)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(control);
            if (length < HeaderLength || length > control.Length)
            {
                break;
            }

            var level = BinaryPrimitives.ReadInt32LittleEndian(control[8..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[12..]);
            var data = control[HeaderLength..length];
            if (level == Libc.SolSocket && type == Libc.SoTimestampNs && data.Length >= 16)
            {
                KernelTimeNs = (BinaryPrimitives.ReadInt64LittleEndian(data) * 1_000_000_000) + BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
            }
            else if ((level == Libc.IpProtoIp && type == Libc.IpRecvErr) || (level == Libc.IpProtoIpv6 && type == Libc.Ipv6RecvErr))
            {
                Error = ExtendedError.Parse(data);
            }

            var aligned = (length + 7) & ~7;
            control = aligned >= control.Length ? [] : control[aligned..];
        }
    }

    /// <summary>SO_TIMESTAMPNS: CLOCK_REALTIME nanoseconds of arrival.</summary>
    public long? KernelTimeNs { get; }

    public ExtendedError? Error { get; }
}
