namespace Fathom.Core.Storage;

/// <summary>Why an archive refused, so the daemon and the CLI can answer each case with its exit code.</summary>
public enum ArchiveErrorKind
{
    /// <summary>The archive cannot be used as asked: missing, not a Fathom archive, too new, a bad path or setting.</summary>
    Unusable,

    /// <summary>Another process (a running fathomd, a compaction) holds the archive.</summary>
    InUse,

    /// <summary>The archive is a Fathom archive that cannot be read: truncated or overwritten.</summary>
    Damaged,

    /// <summary>An operation failed on a usable archive (full disk, read-only file, lost connection, a busy lock).</summary>
    Failed,
}
