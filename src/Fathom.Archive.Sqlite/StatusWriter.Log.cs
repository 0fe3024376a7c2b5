using Microsoft.Extensions.Logging;

namespace Fathom.Archive;

internal sealed partial class StatusWriter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "StatusRefused", Level = LogLevel.Warning,
            Message = "Refused status of {Element} at {TimeNs}: older than its newest range, which ends at {EndNs}")]
        public static partial void Refused(ILogger logger, string element, long timeNs, long endNs);
    }
}
