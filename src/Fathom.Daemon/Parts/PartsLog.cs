using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>What the parts say in the daemon's log (event ids as before the parts were split out).</summary>
internal static partial class PartsLog
{
    [LoggerMessage(EventId = 4, EventName = "Stopped", Level = LogLevel.Information, Message = "stopped cleanly: {Written} measurement(s) written, {Dropped} dropped")]
    public static partial void Stopped(ILogger logger, long written, long dropped);

    [LoggerMessage(EventId = 13, EventName = "StoppedWithLoss", Level = LogLevel.Error, Message = "stopped with data lost: {Written} measurement(s) written, {Dropped} dropped (queue full or never stored), {Lost} lost with a deleted or replaced archive file")]
    public static partial void StoppedWithLoss(ILogger logger, long written, long dropped, long lost);

    [LoggerMessage(EventId = 8, EventName = "Reloaded", Level = LogLevel.Information, Message = "reloaded: {Kept} kept, {Restarted} restarted, {Stopped} stopped, {Started} started")]
    public static partial void Reloaded(ILogger logger, int kept, int restarted, int stopped, int started);

    [LoggerMessage(EventId = 9, EventName = "NeedsRestart", Level = LogLevel.Warning, Message = "reload: a change of '{Key}' takes effect only after a restart")]
    public static partial void NeedsRestart(ILogger logger, string key);

    [LoggerMessage(EventId = 12, EventName = "SchedulerLateness", Level = LogLevel.Information, Message = "scheduler lateness {Span} over {Runs} in-daemon run(s): p50 {P50:0.000} ms, p99 {P99:0.000} ms, max {Max:0.000} ms")]
    public static partial void Lateness(ILogger logger, string span, long runs, double p50, double p99, double max);

    [LoggerMessage(EventId = 11, EventName = "DroppedPrivileges", Level = LogLevel.Information, Message = "running as user {User} ({Uid}), group {Group} ({Gid})")]
    public static partial void DroppedPrivileges(ILogger logger, string user, uint uid, string group, uint gid);
}
