namespace Fathom.Pcp.Mmv;

/// <summary>An MMV file that can't be read: names the file and what is wrong with it.</summary>
public sealed class MmvFormatException : FormatException
{
    public MmvFormatException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public MmvFormatException()
        : this(string.Empty, "not a valid MMV file")
    {
    }

    public MmvFormatException(string message)
        : this(string.Empty, message)
    {
    }

    public MmvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problem = message;
    }

    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
