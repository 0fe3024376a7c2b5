using System.Globalization;

namespace Fathom.Archive;

/// <summary>Another process (a running fathomd, or a compaction) holds the archive's writer lock.</summary>
internal sealed class ArchiveInUseException : Exception
{
    public ArchiveInUseException()
    {
    }

    public ArchiveInUseException(string message)
        : base(message)
    {
    }

    public ArchiveInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ArchiveInUseException(string archivePath, int? holderPid)
        : base($"archive {archivePath} in use by PID {(holderPid is { } p ? p.ToString(CultureInfo.InvariantCulture) : "(unknown)")}")
    {
        HolderPid = holderPid;
    }

    /// <summary>The pid written in the lock file, when it could be read.</summary>
    public int? HolderPid { get; }
}
