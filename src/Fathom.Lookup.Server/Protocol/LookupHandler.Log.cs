using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Server.Protocol;

internal sealed partial class LookupHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1110, EventName = "LookupRegistered", Level = LogLevel.Debug, Message = "registered {Uri} for {Lease}")]
        public static partial void Registered(ILogger logger, string uri, TimeSpan lease);

        [LoggerMessage(EventId = 1111, EventName = "LookupRenewed", Level = LogLevel.Debug, Message = "renewed {Uri} for {Lease}")]
        public static partial void Renewed(ILogger logger, string uri, TimeSpan lease);

        [LoggerMessage(EventId = 1112, EventName = "LookupDeleted", Level = LogLevel.Debug, Message = "deleted {Uri}")]
        public static partial void Deleted(ILogger logger, string uri);

        [LoggerMessage(EventId = 1113, EventName = "LookupBulkRenewed", Level = LogLevel.Debug, Message = "bulk renew: {Renewed} of {Total} renewed")]
        public static partial void BulkRenewed(ILogger logger, int total, int renewed);

        [LoggerMessage(EventId = 1114, EventName = "LookupRefused", Level = LogLevel.Debug, Message = "{Method} {Path}: {Status} {Reason}")]
        public static partial void Refused(ILogger logger, string method, string path, int status, string reason);

        [LoggerMessage(EventId = 1116, EventName = "LookupConnectionBroke", Level = LogLevel.Debug, Message = "{Method} {Path}: the connection broke: {Reason}")]
        public static partial void ConnectionBroke(ILogger logger, string method, string path, string reason);

        [LoggerMessage(EventId = 1115, EventName = "LookupRequestFailed", Level = LogLevel.Error, Message = "{Method} {Path} failed")]
        public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);
    }
}
