using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>
/// The socket and polling calls .NET's Socket does not expose (recvmsg with control messages,
/// the error queue, poll on a raw fd, epoll, eventfd).
/// </summary>
public static unsafe partial class Libc
{
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
    public const short PollIn = 0x001;
    public const short PollOut = 0x004;
    public const short PollErr = 0x008;
    public const int EfdNonblock = 0x800;
    public const int EfdCloexec = 0x80000;

    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLONESHOT = 1u << 30;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLL_CTL_MOD = 3;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, uint length);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint sendto(int fd, void* buffer, nuint length, int flags, void* address, uint addressLength);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint recvmsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int ppoll(PollFd* fds, nuint count, TimeSpec* timeout, void* signalMask);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int eventfd(uint initial, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_wait(int epfd, byte* events, int maxEvents, int timeoutMs);

    /// <summary>An errno an ICMP error turns into (icmp_err_convert, icmpv6_err_convert): with IP_RECVERR, a pending error, not a broken socket.</summary>
    public static bool IsIcmpErrno(int errno) =>
        errno is EConnRefused or EHostUnreach or ENetUnreach or EProto or EMsgSize or ENoNet or ENoProtoOpt or EOpNotSupp or EHostDown or EAcces;
}
