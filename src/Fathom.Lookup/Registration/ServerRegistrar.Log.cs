using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Registration;

internal sealed partial class ServerRegistrar
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1170, EventName = "LookupRegistered", Level = LogLevel.Information, Message = "lookup {Server}: {Key} registered as {Uri}, expires {Expires:O}")]
        public static partial void Registered(ILogger logger, Uri server, string key, string uri, DateTimeOffset expires);

        [LoggerMessage(EventId = 1171, EventName = "LookupRenewed", Level = LogLevel.Debug, Message = "lookup {Server}: {Key} ({Uri}) renewed, expires {Expires:O}")]
        public static partial void Renewed(ILogger logger, Uri server, string key, string uri, DateTimeOffset expires);

        [LoggerMessage(EventId = 1172, EventName = "LookupRecordLost", Level = LogLevel.Information, Message = "lookup {Server}: {Key} ({Uri}) is unknown to the server (HTTP {Status}); registering it again")]
        public static partial void Lost(ILogger logger, Uri server, string key, string uri, int status);

        [LoggerMessage(EventId = 1173, EventName = "LookupRecordChanged", Level = LogLevel.Information, Message = "lookup {Server}: {Key} changed; {Uri} deleted, registering the new content")]
        public static partial void Changed(ILogger logger, Uri server, string key, string uri);

        [LoggerMessage(EventId = 1174, EventName = "LookupDeleted", Level = LogLevel.Information, Message = "lookup {Server}: {Key} ({Uri}) is no longer configured; deleted")]
        public static partial void Deleted(ILogger logger, Uri server, string key, string uri);

        [LoggerMessage(EventId = 1175, EventName = "LookupDeleteFailed", Level = LogLevel.Warning, Message = "lookup {Server}: cannot delete {Uri} ({Reason}); it expires at its ttl")]
        public static partial void DeleteFailed(ILogger logger, Uri server, string uri, string reason);

        [LoggerMessage(EventId = 1176, EventName = "LookupServerDown", Level = LogLevel.Warning, Message = "lookup {Server}: {Reason}; retrying with backoff (collection is not affected)")]
        public static partial void Down(ILogger logger, Uri server, string reason);

        [LoggerMessage(EventId = 1177, EventName = "LookupServerBack", Level = LogLevel.Information, Message = "lookup {Server}: answering again after {Seconds:0} s")]
        public static partial void Back(ILogger logger, Uri server, double seconds);

        [LoggerMessage(EventId = 1178, EventName = "LookupStateFailed", Level = LogLevel.Warning, Message = "lookup: cannot keep the registration state in the archive ({Reason}); a restart may register duplicates")]
        public static partial void StateFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 1189, EventName = "LookupAdopted", Level = LogLevel.Information, Message = "lookup {Server}: {Key} was already registered as {Uri} (a duplicate to the server; its saved state was lost); taken over, expires {Expires:O}")]
        public static partial void Adopted(ILogger logger, Uri server, string key, string uri, DateTimeOffset expires);

        [LoggerMessage(EventId = 1179, EventName = "LookupUnexpected", Level = LogLevel.Error, Message = "lookup {Server}: unexpected failure; retrying with backoff")]
        public static partial void Unexpected(ILogger logger, Uri server, Exception exception);
    }
}
