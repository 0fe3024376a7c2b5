using System.Runtime.InteropServices;

namespace Fathom.Collectors.Net;

/// <summary>
/// The socket calls .NET's Socket does not expose (recvmsg with control messages, the error
/// queue, poll on a raw fd): blittable signatures over libc, Linux x86-64/arm64 constants.
/// </summary>
internal static unsafe class Libc
{
    private const string Lib = "libc";

    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockDgram = 2;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int IpProtoIp = 0;
    public const int IpProtoIcmp = 1;
    public const int IpProtoUdp = 17;
    public const int IpProtoIpv6 = 41;
    public const int IpProtoIcmpv6 = 58;
    public const int SolSocket = 1;
    public const int SolRaw = 255;
    public const int SoRcvbuf = 8;
    public const int SoTimestampNs = 35;
    public const int IpTtl = 2;
    public const int IpRecvErr = 11;
    public const int Ipv6UnicastHops = 16;
    public const int Ipv6RecvErr = 25;
    public const int IcmpFilter = 1;
    public const int Icmp6Filter = 1;
    public const int MsgTrunc = 0x20;
    public const int MsgDontWait = 0x40;
    public const int MsgErrQueue = 0x2000;
    public const short PollIn = 1;
    public const short PollErr = 8;
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int EAcces = 13;
    public const int EPerm = 1;
    public const int EProto = 71;
    public const int EMsgSize = 90;
    public const int ENetUnreach = 101;
    public const int EConnRefused = 111;
    public const int EHostUnreach = 113;
    public const int ENoNet = 64;
    public const int ENoProtoOpt = 92;
    public const int EOpNotSupp = 95;
    public const int EHostDown = 112;
    public const int EfdNonblock = 0x800;
    public const int EfdCloexec = 0x80000;
    public const int ClockRealtime = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport(Lib, SetLastError = true)]
    public static extern int socket(int domain, int type, int protocol);

    [DllImport(Lib, SetLastError = true)]
    public static extern int setsockopt(int fd, int level, int name, void* value, uint length);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint sendto(int fd, void* buffer, nuint length, int flags, void* address, uint addressLength);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint recvmsg(int fd, MsgHdr* message, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int poll(PollFd* fds, nuint count, int timeoutMs);

    [DllImport(Lib, SetLastError = true)]
    public static extern int ppoll(PollFd* fds, nuint count, TimeSpec* timeout, void* signalMask);

    [DllImport(Lib, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern int eventfd(uint initial, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint write(int fd, void* buffer, nuint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint read(int fd, void* buffer, nuint count);

    // A vDSO call of tens of nanoseconds on the send path: no GC transition needed.
    [DllImport(Lib), SuppressGCTransition]
    public static extern int clock_gettime(int clock, TimeSpec* time);

    [DllImport(Lib)]
    public static extern byte* strerror(int errno);

    /// <summary>The text of an errno value ("Network is unreachable").</summary>
    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8((nint)strerror(errno)) ?? $"errno {errno}";

    /// <summary>An errno an ICMP error turns into (icmp_err_convert, icmpv6_err_convert): with IP_RECVERR, a pending error, not a broken socket.</summary>
    public static bool IsIcmpErrno(int errno) =>
        errno is EConnRefused or EHostUnreach or ENetUnreach or EProto or EMsgSize or ENoNet or ENoProtoOpt or EOpNotSupp or EHostDown or EAcces;

    public static long RealtimeNs()
    {
        TimeSpec t;
        clock_gettime(ClockRealtime, &t);
        return (t.Seconds * 1_000_000_000) + t.Nanoseconds;
    }
}
