using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Registration;

public sealed partial class Registrar
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1180, EventName = "LookupStateUnavailable", Level = LogLevel.Warning, Message = "lookup: the archive's state cannot be read ({Reason}); registering with a new client-uuid")]
        public static partial void StateUnavailable(ILogger logger, string reason);

        [LoggerMessage(EventId = 1181, EventName = "LookupStopTimedOut", Level = LogLevel.Warning, Message = "lookup: not every record was deleted in time at stop; the rest expire at their ttl")]
        public static partial void StopTimedOut(ILogger logger);
    }
}
