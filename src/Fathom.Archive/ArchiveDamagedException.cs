namespace Fathom.Archive;

/// <summary>The file is a Fathom archive (its header says so) that SQLite cannot read: truncated or overwritten.</summary>
internal sealed class ArchiveDamagedException : Exception
{
    public ArchiveDamagedException()
    {
    }

    public ArchiveDamagedException(string message)
        : base(message)
    {
    }

    public ArchiveDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
