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

    public SnmpErrorKind Kind { get; }
}
