using System.Runtime.InteropServices;

namespace Fathom.Core.Files;

/// <summary>A file's (device, inode) and type, read from glibc's struct stat.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, uint Mode)
{
    private const uint TypeMask = 0xF000;
    private const uint Regular = 0x8000;
    private const uint Directory = 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == Regular;

    public bool IsDirectory => (Mode & TypeMask) == Directory;

    /// <summary>st_dev and st_ino lead struct stat on 64-bit glibc; st_mode follows st_nlink on x64, st_ino on arm64.</summary>
    public static FileIdentity FromStat(byte[] buffer)
    {
        var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return new FileIdentity(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), BitConverter.ToUInt32(buffer, modeOffset));
    }

    /// <summary>The same file, whatever its type bits.</summary>
    public bool SameFile(FileIdentity other) => Device == other.Device && Inode == other.Inode;
}
