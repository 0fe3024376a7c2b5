namespace Fathom.Lookup.Server.Store;

/// <summary>The store file cannot be used: not a lookup store, unreadable, or damaged. The message names the file and why.</summary>
public sealed class LookupStoreException : Exception
{
    public LookupStoreException()
    {
    }

    public LookupStoreException(string message)
        : base(message)
    {
    }

    public LookupStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
