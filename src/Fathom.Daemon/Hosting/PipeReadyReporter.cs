using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Daemon.Hosting;

/// <summary>Detached mode: "READY" or "ERROR CODE MESSAGE" on the descriptor the launcher waits on.</summary>
internal sealed class PipeReadyReporter(int fd) : IReadyReporter
{
    private bool _done;

    public void Ready() => Send("READY");

    public void Failed(int exitCode, string message) =>
        Send(string.Create(CultureInfo.InvariantCulture, $"ERROR {exitCode} {message.ReplaceLineEndings("\u001e")}"));

    private void Send(string line)
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, 1);
            stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }
        catch (IOException)
        {
            // The launcher is gone (killed while waiting): nobody to tell.
        }
    }
}
