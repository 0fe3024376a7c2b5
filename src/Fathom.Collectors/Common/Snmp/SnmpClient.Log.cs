using Microsoft.Extensions.Logging;

namespace Fathom.Collectors.Common.Snmp;

public sealed partial class SnmpClient
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 8000, EventName = "SnmpReplyRejected", Level = LogLevel.Warning,
            Message = "SNMP: rejected a datagram from {Source}: {Reason} ({Unlogged} more rejected since the last of these lines)")]
        public static partial void Rejected(ILogger logger, string source, string reason, long unlogged);

        [LoggerMessage(EventId = 8001, EventName = "SnmpRefused", Level = LogLevel.Debug, Message = "SNMP: {Agent} refused a request: {Reason}")]
        public static partial void Refused(ILogger logger, string agent, string reason);

        [LoggerMessage(EventId = 8002, EventName = "SnmpSocketFault", Level = LogLevel.Error, Message = "SNMP: the receive thread stopped: {Reason}")]
        public static partial void Fault(ILogger logger, string reason);
    }
}
