using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>glibc's struct statvfs on 64-bit Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct StatVfs
{
    public ulong BlockSize;
    public ulong FragmentSize;
    public ulong Blocks;
    public ulong BlocksFree;
    public ulong BlocksAvailable;
    public ulong Files;
    public ulong FilesFree;
    public ulong FilesAvailable;
    public ulong FsId;
    public ulong Flags;
    public ulong NameMax;
    private fixed int _spare[6];

    /// <summary>statvfs on a NUL-terminated path; the errno on failure, 0 on success.</summary>
    public static int Query(ReadOnlySpan<byte> pathZ, out StatVfs result)
    {
        result = default;
        fixed (byte* p = pathZ)
        fixed (StatVfs* r = &result)
        {
            return Libc.statvfs(p, r) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }
}
