using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;

namespace Fathom.Pcp.Mmv;

/// <summary>
/// Who owns an existing MMV file: the process its header names (MMV_FLAG_PROCESS), if that process
/// is running, is not us, and started before the file was last written (else the pid was reused,
/// e.g. after a reboot, since PCP's tmp folder outlives one).
/// </summary>
internal static class MmvOwner
{
    // mtime has the kernel's coarse clock; a start time this close to it still counts as "before".
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    /// <summary>The live owner's pid, or null when the file is absent, not MMV, unflagged, or its owner is gone.</summary>
    public static int? LiveOwner(string path)
    {
        Span<byte> header = stackalloc byte[MmvFormat.HeaderSize];
        DateTime written;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return null;
            }

            written = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var flags = (MmvFlags)BinaryPrimitives.ReadInt32LittleEndian(header[MmvFormat.FlagsOffset..]);
        var pid = BinaryPrimitives.ReadInt32LittleEndian(header[MmvFormat.ProcessOffset..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != MmvFormat.Magic || !flags.HasFlag(MmvFlags.Process)
            || pid <= 0 || pid == Environment.ProcessId)
        {
            return null;
        }

        return IsRunning(pid) && StartedBefore(pid, written) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            // The state follows the command's closing parenthesis; a zombie (Z) or dead (X) task owns nothing.
            var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool StartedBefore(int pid, DateTime writtenUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime() <= writtenUtc + Slack;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // exited meanwhile
        }
    }
}
