using Microsoft.Extensions.Logging;

namespace Fathom.Core.Instrumentation;

public sealed partial class TimerRegistry
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 500, EventName = "TimerCallbackFailed", Level = LogLevel.Error, Message = "timer callback {Handle} threw {Type}: {Reason} ({Count} callback failure(s) so far)")]
        public static partial void CallbackFailed(ILogger logger, int handle, string type, string reason, long count);

        [LoggerMessage(EventId = 501, EventName = "TimerSecondRegistry", Level = LogLevel.Error, Message = "server instrumentation already registered")]
        public static partial void SecondRegistry(ILogger logger);

        [LoggerMessage(EventId = 502, EventName = "TimerSelfMetricsFailed", Level = LogLevel.Error, Message = "server instrumentation disabled: {Reason}")]
        public static partial void SelfMetricsFailed(ILogger logger, string reason);
    }
}
