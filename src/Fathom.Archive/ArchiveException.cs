namespace Fathom.Archive;

/// <summary>The archive file cannot be used as asked: missing, not a Fathom archive, or too new.</summary>
internal sealed class ArchiveException : Exception
{
    public ArchiveException()
    {
    }

    public ArchiveException(string message)
        : base(message)
    {
    }

    public ArchiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
