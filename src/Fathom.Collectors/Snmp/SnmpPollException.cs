namespace Fathom.Collectors.Snmp;

/// <summary>A poll that could not be made (no address, a reply that does not fit the request); the message is for the user.</summary>
internal sealed class SnmpPollException : Exception
{
    public SnmpPollException(string message) : base(message)
    {
    }

    public SnmpPollException()
    {
    }

    public SnmpPollException(string message, Exception inner) : base(message, inner)
    {
    }
}
