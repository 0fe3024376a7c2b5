using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>struct rusage on 64-bit Linux: two timevals, then longs; ru_maxrss (KB) is the first long.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RUsage
{
    public long UserSeconds;
    public long UserMicroseconds;
    public long SystemSeconds;
    public long SystemMicroseconds;
    public long MaxRssKb;
    public long IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
}
