using System.Runtime.InteropServices;
using System.Text;

namespace Fathom.Core.Native;

/// <summary>The kernel's identity (uname).</summary>
public static unsafe partial class Libc
{
    // struct utsname on Linux: six NUL-terminated fields of 65 bytes (sysname, nodename, release, version, machine, domainname).
    private const int UtsField = 65;

    [LibraryImport(Lib, SetLastError = true)]
    private static partial int uname(byte* buf);

    /// <summary>uname(2): sysname ("Linux"), nodename, release ("6.1.0-18-amd64"), version, machine ("x86_64"); null when the call fails.</summary>
    public static UtsName? Uname()
    {
        var buf = stackalloc byte[UtsField * 6];
        if (uname(buf) != 0)
        {
            return null;
        }

        string Field(int i)
        {
            var span = new ReadOnlySpan<byte>(buf + (i * UtsField), UtsField);
            var end = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }

        return new UtsName(Field(0), Field(1), Field(2), Field(3), Field(4));
    }
}
