namespace Fathom.Core.Storage;

/// <summary>The archive is a Fathom archive (it says so) that its backend cannot read: truncated or overwritten.</summary>
public sealed class ArchiveDamagedException : ArchiveException
{
    /// <summary>A damaged archive with a default message.</summary>
    public ArchiveDamagedException()
        : base(ArchiveErrorKind.Damaged, "damaged archive")
    {
    }

    /// <summary>A damaged archive; the message names it and what is wrong.</summary>
    public ArchiveDamagedException(string message)
        : base(ArchiveErrorKind.Damaged, message)
    {
    }

    /// <summary>A damaged archive, with the backend's own error.</summary>
    public ArchiveDamagedException(string message, Exception innerException)
        : base(ArchiveErrorKind.Damaged, message, innerException)
    {
    }
}
