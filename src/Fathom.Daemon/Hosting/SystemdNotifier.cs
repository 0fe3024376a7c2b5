using System.Net.Sockets;
using System.Text;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// sd_notify(3) written by hand (the systemd package is not served here): one datagram per state
/// to $NOTIFY_SOCKET, a path or an abstract name starting with '@'. Does nothing without it.
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;

    public SystemdNotifier(string? notifySocket)
    {
        if (string.IsNullOrEmpty(notifySocket))
        {
            return;
        }

        var path = notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket;
        _endpoint = new UnixDomainSocketEndPoint(path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public bool Enabled => _socket is not null;

    public void Ready(string status) => Send($"READY=1\nSTATUS={status}\nMAINPID={Environment.ProcessId}");

    public void Reloading(long monotonicUsec) => Send($"RELOADING=1\nMONOTONIC_USEC={monotonicUsec}\nSTATUS=reloading configuration");

    public void Stopping() => Send("STOPPING=1\nSTATUS=stopping");

    public void Status(string status) => Send($"STATUS={status}");

    public void Dispose() => _socket?.Dispose();

    private void Send(string message)
    {
        if (_socket is null)
        {
            return;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), _endpoint!);
        }
        catch (SocketException)
        {
            // systemd gone or the socket unreachable: the daemon itself carries on.
        }
    }
}
