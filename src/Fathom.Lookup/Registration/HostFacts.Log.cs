using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Registration;

public sealed partial class HostFacts
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1150, EventName = "LookupHostFactsMissing", Level = LogLevel.Warning, Message = "lookup host record leaves out what could not be read: {Missing}")]
        public static partial void FactsMissing(ILogger logger, string missing);
    }
}
