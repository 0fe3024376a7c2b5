using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Hosting;

internal sealed partial class DaemonHost
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "Ready", Level = LogLevel.Information, Message = "fathomd {Pid} ready ({Config}): {Status}")]
        public static partial void Ready(ILogger logger, int pid, string config, string status);

        [LoggerMessage(EventId = 2, EventName = "SignalStop", Level = LogLevel.Information, Message = "{Signal} received: stopping")]
        public static partial void SignalStop(ILogger logger, string signal);

        [LoggerMessage(EventId = 3, EventName = "Stopping", Level = LogLevel.Information, Message = "stopping collectors and flushing the pipeline")]
        public static partial void Stopping(ILogger logger);

        [LoggerMessage(EventId = 5, EventName = "Reloading", Level = LogLevel.Information, Message = "SIGHUP: reloading {Config}")]
        public static partial void Reloading(ILogger logger, string config);

        [LoggerMessage(EventId = 6, EventName = "ReloadError", Level = LogLevel.Error, Message = "reload: {Error}")]
        public static partial void ReloadError(ILogger logger, string error);

        [LoggerMessage(EventId = 7, EventName = "ReloadRejected", Level = LogLevel.Error, Message = "reload rejected ({Count} error(s)); the running configuration stays in force")]
        public static partial void ReloadRejected(ILogger logger, int count);

        [LoggerMessage(EventId = 10, EventName = "ConfigWarning", Level = LogLevel.Warning, Message = "{Warning}")]
        public static partial void ConfigWarning(ILogger logger, string warning);

    }
}
