using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Logging;

/// <summary>RFC 3164 datagrams to /dev/log (facility daemon), for a detached daemon without --output.</summary>
internal sealed class SyslogOutput : ILogOutput
{
    private readonly Socket _socket;
    private readonly string _tag;

    private SyslogOutput(Socket socket, string tag)
    {
        _socket = socket;
        _tag = tag;
    }

    public static SyslogOutput? TryOpen(string path = "/dev/log")
    {
        if (!File.Exists(path) && !Directory.Exists(Path.GetDirectoryName(path)))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return new SyslogOutput(socket, $"fathomd[{Environment.ProcessId}]");
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    public void WriteLine(string line, LogLevel level)
    {
        var severity = level switch
        {
            LogLevel.Critical => 2,
            LogLevel.Error => 3,
            LogLevel.Warning => 4,
            LogLevel.Information => 6,
            _ => 7,
        };
        try
        {
            _socket.Send(Encoding.UTF8.GetBytes($"<{(3 * 8) + severity}>{_tag}: {line}"));
        }
        catch (SocketException)
        {
            // syslogd restarted or gone: drop the line rather than the daemon.
        }
    }

    public void Dispose() => _socket.Dispose();
}
