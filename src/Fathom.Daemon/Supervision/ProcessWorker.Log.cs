using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Supervision;

internal sealed partial class ProcessWorker
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 400, EventName = "ChildStarted", Level = LogLevel.Debug, Message = "child process {Pid} started")]
        public static partial void ChildStarted(ILogger logger, int pid);

        [LoggerMessage(EventId = 401, EventName = "ChildDied", Level = LogLevel.Error, Message = "child process ended ({Exit}); restarting in {Seconds} s")]
        public static partial void ChildDied(ILogger logger, string exit, double seconds);

        [LoggerMessage(EventId = 402, EventName = "ChildKilled", Level = LogLevel.Warning, Message = "child did not stop within {Seconds} s of SIGTERM; sending SIGKILL")]
        public static partial void Killing(ILogger logger, double seconds);

        [LoggerMessage(EventId = 403, EventName = "ChildSpawnFailed", Level = LogLevel.Error, Message = "cannot start child process: {Reason}")]
        public static partial void SpawnFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 404, EventName = "ChildBadLine", Level = LogLevel.Warning, Message = "{Message}")]
        public static partial void BadLine(ILogger logger, string message);

        [LoggerMessage(EventId = 405, EventName = "ChildOutput", Level = LogLevel.Error, Message = "child: {Line}")]
        public static partial void ChildOutput(ILogger logger, string line);

        /// <summary>A line the child logged, already formatted there, at the child's level.</summary>
        [LoggerMessage(EventId = 406, EventName = "ChildLog", Message = "{Message}")]
        public static partial void Relayed(ILogger logger, LogLevel level, string message);
    }
}
