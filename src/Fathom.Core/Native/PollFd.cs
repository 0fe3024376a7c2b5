using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>struct pollfd (the same layout on every Linux architecture).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
