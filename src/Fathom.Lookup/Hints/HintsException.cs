namespace Fathom.Lookup.Hints;

/// <summary>An activehosts.json that cannot be used; the message names the file or URL and what is wrong.</summary>
public sealed class HintsException : Exception
{
    public HintsException(string message) : base(message)
    {
    }

    public HintsException(string message, Exception inner) : base(message, inner)
    {
    }

    public HintsException() : this("invalid hints")
    {
    }
}
