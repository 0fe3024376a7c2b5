using System.Net;
using Fathom.Collectors.Net;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Native;

namespace Fathom.Collectors.Tests.Net;

/// <summary>
/// With IP_RECVERR an ICMP error is queued on the error queue and also set as the socket's pending
/// error, which the next read of the data queue reports: that read must not end the receiver.
/// </summary>
public sealed class PendingErrorTests
{
    [Fact]
    public async Task Receive_DataQueueWithPendingIcmpError_NothingThenErrorQueueHasIt()
    {
        using var socket = IcmpSocketFactory.OpenUdp(false);

        // A closed port on loopback: port unreachable comes back at once (loopback is not rate-limited).
        using var closed = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;
        closed.Close();
        Assert.Equal(0, socket.SendTo([1, 2, 3, 4], IPAddress.Loopback, port));
        Assert.True(await Poll.UntilAsync(() => HasError(socket)), "no ICMP error queued");

        var buffer = new byte[512];
        Assert.Equal(-1, socket.Receive(buffer, errorQueue: false, out _));
        Assert.True(socket.Receive(buffer, errorQueue: true, out var queued) > 0);
        Assert.True(queued.Error!.Value.IsPortUnreachable);
    }

    private static unsafe bool HasError(NativeSocket socket)
    {
        var fd = new PollFd { Fd = socket.Fd, Events = Libc.PollIn };
        return Libc.poll(&fd, 1, 0) > 0 && (fd.Revents & Libc.PollErr) != 0;
    }
}
