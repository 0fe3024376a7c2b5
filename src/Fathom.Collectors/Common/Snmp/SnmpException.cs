namespace Fathom.Collectors.Common.Snmp;

/// <summary>A failed SNMP request; <see cref="Exception.Message"/> is the reason as a user should read it.</summary>
public sealed class SnmpException : Exception
{
    public SnmpException()
    {
    }

    public SnmpException(string message)
        : base(message)
    {
    }

    public SnmpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SnmpException(SnmpErrorKind kind, string message)
        : base(message) => Kind = kind;

    /// <summary>An agent's error: the RFC 3416 error-status it sent (1 tooBig, 2 noSuchName…) and its error-index.</summary>
    public SnmpException(SnmpErrorKind kind, string message, int errorStatus, int errorIndex)
        : base(message)
    {
        Kind = kind;
        ErrorStatus = errorStatus;
        ErrorIndex = errorIndex;
    }

    /// <summary>RFC 3416's tooBig: the reply would not fit the agent's message size.</summary>
    public const int TooBig = 1;

    public SnmpErrorKind Kind { get; }

    /// <summary>The agent's error-status for <see cref="SnmpErrorKind.AgentError"/>, else 0.</summary>
    public int ErrorStatus { get; }

    /// <summary>The agent's error-index (1-based varbind) for <see cref="SnmpErrorKind.AgentError"/>, else 0.</summary>
    public int ErrorIndex { get; }
}
