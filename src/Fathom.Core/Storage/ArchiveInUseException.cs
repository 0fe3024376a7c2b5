using System.Globalization;

namespace Fathom.Core.Storage;

/// <summary>Another process (a running fathomd, or a compaction) holds the archive's writer lock.</summary>
public sealed class ArchiveInUseException : ArchiveException
{
    /// <summary>An archive in use, with a default message.</summary>
    public ArchiveInUseException()
        : base(ArchiveErrorKind.InUse, "archive in use")
    {
    }

    /// <summary>An archive in use; the message names it.</summary>
    public ArchiveInUseException(string message)
        : base(ArchiveErrorKind.InUse, message)
    {
    }

    /// <summary>An archive in use, with the backend's own error.</summary>
    public ArchiveInUseException(string message, Exception innerException)
        : base(ArchiveErrorKind.InUse, message, innerException)
    {
    }

    /// <summary>"archive PATH in use by PID n", the holder's pid when known.</summary>
    public ArchiveInUseException(string archivePath, int? holderPid)
        : base(ArchiveErrorKind.InUse, $"archive {archivePath} in use by PID {(holderPid is { } p ? p.ToString(CultureInfo.InvariantCulture) : "(unknown)")}")
    {
        HolderPid = holderPid;
    }

    /// <summary>The holder's pid, when it could be read.</summary>
    public int? HolderPid { get; }
}
