using Microsoft.Extensions.Logging;

namespace Fathom.Archive.Postgres;

internal sealed partial class PostgresArchive
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7000, EventName = "PostgresConnected", Level = LogLevel.Information,
            Message = "archive {Target}: connected, writing as host {Host}")]
        public static partial void Connected(ILogger logger, string target, string host);

        [LoggerMessage(EventId = 7001, EventName = "PostgresNotReachableAtStart", Level = LogLevel.Warning,
            Message = "archive {Target} is not reachable at start ({Reason}); the first write connects")]
        public static partial void NotReachableAtStart(ILogger logger, string target, string reason);

        [LoggerMessage(EventId = 7002, EventName = "PostgresRetentionFailed", Level = LogLevel.Warning,
            Message = "archive {Target}: retention pass failed ({Reason}); retried after the next interval")]
        public static partial void RetentionFailed(ILogger logger, string target, string reason);

        [LoggerMessage(EventId = 7003, EventName = "PostgresNulReplaced", Level = LogLevel.Warning,
            Message = "archive {Target}: a measurement's text holds a NUL character, which PostgreSQL cannot store: stored as '{Stand}' (said once; a local archive keeps it as written)")]
        public static partial void NulReplaced(ILogger logger, string target, char stand);
    }
}
