using System.Net;
using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Collectors.Net;

/// <summary>
/// A socket file descriptor driven through libc, for what .NET's Socket cannot do: raw and
/// ICMP datagram sockets with receive timestamps, per-packet TTLs and the IP_RECVERR error queue.
/// </summary>
internal sealed unsafe class NativeSocket : IDisposable
{
    private const int ControlLength = 512;
    private int _fd;

    private NativeSocket(int fd, int family)
    {
        _fd = fd;
        Family = family;
    }

    public int Family { get; }

    public int Fd => _fd;

    /// <summary>Opens a socket, or returns null with the errno (EPERM, EACCES when not allowed).</summary>
    public static NativeSocket? TryOpen(int family, int type, int protocol, out int errno)
    {
        var fd = Libc.socket(family, type | Libc.SockCloexec, protocol);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new NativeSocket(fd, family);
    }

    /// <summary>Sets an int option; throws IOException naming it when the kernel refuses.</summary>
    public void SetInt(int level, int name, int value, string what)
    {
        if (Libc.setsockopt(_fd, level, name, &value, sizeof(int)) != 0)
        {
            throw new IOException($"setsockopt {what}: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }

    public void SetBytes(int level, int name, ReadOnlySpan<byte> value, string what)
    {
        fixed (byte* p = value)
        {
            if (Libc.setsockopt(_fd, level, name, p, (uint)value.Length) != 0)
            {
                throw new IOException($"setsockopt {what}: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    /// <summary>Sends one datagram without blocking; returns 0 or the errno.</summary>
    public int SendTo(ReadOnlySpan<byte> data, IPAddress address, int port)
    {
        Span<byte> name = stackalloc byte[SockAddr.MaxLength];
        var nameLength = SockAddr.Write(name, address, port);
        return SendTo(data, name[..nameLength]);
    }

    /// <summary>Sends one datagram to an encoded sockaddr (<see cref="SockAddr.Write"/>) without blocking; returns 0 or the errno.</summary>
    public int SendTo(ReadOnlySpan<byte> data, ReadOnlySpan<byte> sockAddr)
    {
        fixed (byte* d = data)
        fixed (byte* n = sockAddr)
        {
            // With IP_RECVERR an ICMP error about an earlier packet is also left pending on the
            // socket (sk_err) and fails the next send once; that send is retried, as traceroute does.
            var errno = 0;
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var sent = Libc.sendto(_fd, d, (nuint)data.Length, Libc.MsgDontWait, n, (uint)sockAddr.Length);
                errno = sent < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (!Libc.IsIcmpErrno(errno))
                {
                    break;
                }
            }

            return errno;
        }
    }

    /// <summary>
    /// Receives one packet without blocking (from the error queue when <paramref name="errorQueue"/>).
    /// Returns its length, -1 when nothing is queued; other errors throw IOException.
    /// </summary>
    public int Receive(Span<byte> buffer, bool errorQueue, out Datagram datagram)
    {
        Span<byte> name = stackalloc byte[SockAddr.MaxLength];
        var length = Receive(buffer, errorQueue, name, out var raw);
        datagram = length < 0
            ? default
            : new Datagram(SockAddr.Read(name[..raw.SourceLength]), raw.ReceivedRealtimeNs, raw.Truncated, raw.Error);
        return length;
    }

    /// <summary>
    /// <see cref="Receive(Span{byte}, bool, out Datagram)"/> that leaves the source as sockaddr bytes in
    /// <paramref name="name"/> (at least <see cref="SockAddr.MaxLength"/>): no allocation for a plain reply.
    /// </summary>
    public int Receive(Span<byte> buffer, bool errorQueue, Span<byte> name, out RawDatagram datagram)
    {
        byte* control = stackalloc byte[ControlLength];
        fixed (byte* b = buffer)
        fixed (byte* n = name)
        {
            var iov = new IoVec { Base = b, Length = (nuint)buffer.Length };
            var msg = new MsgHdr { Name = n, NameLength = SockAddr.MaxLength, Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlLength };
            var length = Libc.recvmsg(_fd, &msg, Libc.MsgDontWait | (errorQueue ? Libc.MsgErrQueue : 0));
            for (var attempt = 0; length < 0 && attempt < 4 && !errorQueue && Libc.IsIcmpErrno(Marshal.GetLastPInvokeError()); attempt++)
            {
                // With IP_RECVERR an ICMP error is also the socket's pending error, reported (and cleared)
                // by this read of the data queue; the error itself waits on the error queue. Read again.
                msg.NameLength = SockAddr.MaxLength;
                msg.ControlLength = ControlLength;
                length = Libc.recvmsg(_fd, &msg, Libc.MsgDontWait);
            }

            if (length < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                datagram = default;
                return errno is Libc.EAgain or Libc.EIntr ? -1 : throw new IOException($"recvmsg: {Libc.ErrorText(errno)}");
            }

            var cmsgs = new ControlMessages(new ReadOnlySpan<byte>(control, (int)msg.ControlLength));
            // Kept on the kernel's clock: the RTT is taken against a CLOCK_REALTIME send stamp (SendStamp).
            var received = cmsgs.KernelTimeNs ?? Libc.RealtimeNs();
            datagram = new RawDatagram((int)Math.Min(msg.NameLength, SockAddr.MaxLength), received, (msg.Flags & Libc.MsgTrunc) != 0, cmsgs.Error);
            return (int)length;
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Libc.close(fd);
        }
    }
}
