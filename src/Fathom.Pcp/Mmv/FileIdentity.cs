using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Pcp.Mmv;

/// <summary>(device, inode) of a file: which file a path names now, not what it contains.</summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>The file <paramref name="path"/> names (following links), or null when there is none.</summary>
    public static FileIdentity? Of(string path)
    {
        var buffer = new byte[StatSize];
        return stat(path, buffer) == 0 ? From(buffer) : null;
    }

    public static FileIdentity? Of(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var buffer = new byte[StatSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return fstat((int)handle.DangerousGetHandle(), buffer) == 0 ? From(buffer) : null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    // struct stat is at most 144 bytes on glibc's 64-bit ABIs, and st_dev, st_ino lead it on x86_64 and arm64.
    private const int StatSize = 256;

    private static FileIdentity From(byte[] buffer) => new(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
