using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>struct msghdr on 64-bit Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
