namespace Fathom.Collectors.Common.Snmp;

/// <summary>Why an SNMP request failed.</summary>
public enum SnmpErrorKind
{
    /// <summary>No acceptable reply within the tries (the message names the last rejected reply, if any).</summary>
    Timeout,

    /// <summary>A reply was acceptable as a message but not as an answer (e.g. a walk going backwards).</summary>
    Malformed,

    /// <summary>The agent answered with a non-zero error-status.</summary>
    AgentError,

    /// <summary>The request could not be delivered: ICMP unreachable, a send error, the client closed.</summary>
    Refused,
}
