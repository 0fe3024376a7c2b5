namespace Fathom.Core.Processes;

/// <summary>What a child's standard stream is connected to.</summary>
public enum StdioMode
{
    /// <summary>/dev/null.</summary>
    Null,

    /// <summary>A pipe whose other end the parent holds as a stream.</summary>
    Pipe,

    /// <summary>The parent's own stream.</summary>
    Inherit,
}
