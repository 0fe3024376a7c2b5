using System.Net;

namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// Where and how to ask: the agent's UDP endpoint, its v2c community, the wait for each try, and
/// how many times a request is sent again after the first try went unanswered (0: one try).
/// </summary>
public sealed record SnmpAgent(IPEndPoint EndPoint, string Community, TimeSpan Timeout, int Retries);
