namespace Fathom.Core.Storage;

/// <summary>
/// The one exception every archive backend throws (or derives from) for what a user should read:
/// its message names the archive and the reason, and <see cref="Kind"/> says which case it is.
/// </summary>
public class ArchiveException : Exception
{
    /// <summary>An unusable archive with a default message.</summary>
    public ArchiveException()
    {
    }

    /// <summary>An unusable archive (<see cref="ArchiveErrorKind.Unusable"/>).</summary>
    public ArchiveException(string message)
        : base(message)
    {
    }

    /// <summary>An unusable archive, with the backend's own error.</summary>
    public ArchiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error of the given kind.</summary>
    public ArchiveException(ArchiveErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Which case this is; <see cref="ArchiveErrorKind.Unusable"/> unless set.</summary>
    public ArchiveErrorKind Kind { get; }
}
