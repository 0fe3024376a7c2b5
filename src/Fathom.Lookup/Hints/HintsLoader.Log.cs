using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Hints;

public sealed partial class HintsLoader
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1151, EventName = "LookupHintsFailed", Level = LogLevel.Warning, Message = "{Problem}; the last good list of lookup servers stays in use")]
        public static partial void HintsFailed(ILogger logger, string problem);
    }
}
