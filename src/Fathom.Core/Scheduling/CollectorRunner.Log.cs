using Microsoft.Extensions.Logging;

namespace Fathom.Core.Scheduling;

public sealed partial class CollectorRunner
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, EventName = "CollectorFailed", Level = LogLevel.Error, Message = "run failed: {Type}: {Reason}")]
        public static partial void Failed(ILogger logger, string type, string reason, Exception exception);

        [LoggerMessage(EventId = 101, EventName = "CollectorTimedOut", Level = LogLevel.Warning, Message = "run cancelled at its timeout of {Seconds} s")]
        public static partial void TimedOut(ILogger logger, double seconds);

        [LoggerMessage(EventId = 102, EventName = "CollectorAbandoned", Level = LogLevel.Error, Message = "run ignored cancellation at its timeout of {Seconds} s; abandoned, next runs wait for it to return")]
        public static partial void Abandoned(ILogger logger, double seconds);

        [LoggerMessage(EventId = 103, EventName = "CollectorOverran", Level = LogLevel.Warning, Message = "run overran its interval: {Missed} slot(s) skipped")]
        public static partial void Overran(ILogger logger, long missed);

        [LoggerMessage(EventId = 104, EventName = "CollectorStillRunning", Level = LogLevel.Warning, Message = "previous run still has not returned; this run is skipped")]
        public static partial void StillRunning(ILogger logger);

        [LoggerMessage(EventId = 105, EventName = "CollectorStopAbandoned", Level = LogLevel.Warning, Message = "run did not stop within {Seconds} s of shutdown; left behind")]
        public static partial void StopAbandoned(ILogger logger, double seconds);

        [LoggerMessage(EventId = 107, EventName = "CollectorManualRun", Level = LogLevel.Information, Message = "run now, out of schedule (asked for through the api)")]
        public static partial void ManualRun(ILogger logger);

        [LoggerMessage(EventId = 106, EventName = "CollectorWarmUpFailed", Level = LogLevel.Debug, Message = "warm-up before the first run failed ({Type}: {Reason}); the schedule starts anyway")]
        public static partial void WarmUpFailed(ILogger logger, string type, string reason);
    }
}
