namespace Fathom.Archive.Spool;

/// <summary>The spool could not append or read: an I/O error on its own files, named with the file and the reason.</summary>
public sealed class SpoolException : Exception
{
    public SpoolException()
    {
    }

    public SpoolException(string message)
        : base(message)
    {
    }

    public SpoolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
