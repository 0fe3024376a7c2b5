namespace Fathom.Pcp.Mmv;

/// <summary>The MMV file's path holds a file whose owner, another process, is still running: it is left alone.</summary>
public sealed class MmvInUseException : IOException
{
    public MmvInUseException(string path, int ownerPid)
        : base($"MMV file {path} belongs to running process {ownerPid}")
    {
        Path = path;
        OwnerPid = ownerPid;
    }

    public MmvInUseException()
        : this(string.Empty, 0)
    {
    }

    public MmvInUseException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public MmvInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    public string Path { get; }

    public int OwnerPid { get; }
}
