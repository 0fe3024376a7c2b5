using Microsoft.Extensions.Logging;

namespace Fathom.Collectors.Snmp;

internal sealed partial class SnmpPoller
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 8050, EventName = "SnmpInterfaceResolved", Level = LogLevel.Information, Message = "interface '{Spec}' is {Name} at ifIndex {Index} on {Address}")]
        public static partial void Resolved(ILogger logger, string spec, string name, uint index, string address);

        [LoggerMessage(EventId = 8051, EventName = "SnmpInterfaceMoved", Level = LogLevel.Information, Message = "interface '{Spec}': ifIndex {Index} on {Address} now reads '{Now}'; finding it again")]
        public static partial void Moved(ILogger logger, string spec, uint index, string now, string address);
    }
}
