using Microsoft.Extensions.Logging;

namespace Fathom.Archive.Delivery;

internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 7200, EventName = "ArchiveUnreachable", Level = LogLevel.Error,
        Message = "archive {Target} unreachable: {Reason}; {Where} ({Batches} batches, {Measurements} measurements, oldest {OldestSeconds:F0}s)")]
    public static partial void Unreachable(ILogger logger, string target, string reason, string where, long batches, long measurements, double oldestSeconds);

    [LoggerMessage(EventId = 7201, EventName = "ArchiveBack", Level = LogLevel.Warning,
        Message = "archive {Target} back after {Down}: delivering backlog of {Batches} batches / {Measurements} measurements, oldest age {OldestSeconds:F0}s")]
    public static partial void Back(ILogger logger, string target, string down, long batches, long measurements, double oldestSeconds);

    [LoggerMessage(EventId = 7202, EventName = "ArchiveTargetStopped", Level = LogLevel.Information,
        Message = "archive {Target} stopped: {Delivered} measurements delivered; {Left}")]
    public static partial void Stopped(ILogger logger, string target, long delivered, string left);

    [LoggerMessage(EventId = 7203, EventName = "ArchiveQueueDropped", Level = LogLevel.Error,
        Message = "archive {Target}: memory queue full, {Dropped} measurement(s) dropped so far (oldest first; set 'spool yes' to keep them on disk)")]
    public static partial void QueueDropped(ILogger logger, string target, long dropped);

    [LoggerMessage(EventId = 7204, EventName = "SpoolAppendFailed", Level = LogLevel.Critical,
        Message = "archive {Target}: spool append failed: {Reason}; the pipeline keeps the batch and retries (nothing is dropped for it)")]
    public static partial void AppendFailed(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 7205, EventName = "SpoolAppendRecovered", Level = LogLevel.Warning,
        Message = "archive {Target}: spool appends work again after {Failures} failure(s)")]
    public static partial void AppendRecovered(ILogger logger, string target, long failures);

    [LoggerMessage(EventId = 7206, EventName = "SpoolLoss", Level = LogLevel.Error,
        Message = "archive {Target}: spool lost {Dropped} measurement(s) at spool_max_bytes and {Corrupt} unreadable record(s) so far")]
    public static partial void SpoolLoss(ILogger logger, string target, long dropped, long corrupt);

    [LoggerMessage(EventId = 7207, EventName = "ArchiveTargetStarted", Level = LogLevel.Information,
        Message = "archive {Target} ({Description}): {Mode}; backlog {Batches} batches / {Measurements} measurements")]
    public static partial void Started(ILogger logger, string target, string description, string mode, long batches, long measurements);
}
