using Microsoft.Extensions.Logging;

namespace Fathom.Archive.Spool;

public sealed partial class DiskSpool
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7100, EventName = "SpoolOpened", Level = LogLevel.Information,
            Message = "Spool {Folder} opened: stream {StreamId}, {Segments} segments, {Pending} batches pending, acknowledged through {Acknowledged}, next sequence {Next}")]
        public static partial void Opened(ILogger logger, string folder, Guid streamId, int segments, long pending, long acknowledged, long next);

        [LoggerMessage(EventId = 7101, EventName = "SpoolCorruptRegion", Level = LogLevel.Error,
            Message = "Spool segment {File}: {Bytes} unreadable bytes at offset {Offset} (bad frame or CRC) skipped; the records after them are kept")]
        public static partial void CorruptRegion(ILogger logger, string file, long offset, long bytes);

        [LoggerMessage(EventId = 7102, EventName = "SpoolTornTail", Level = LogLevel.Error,
            Message = "Spool segment {File}: {Bytes} bytes at offset {Offset} are no whole record (a torn write, a crash mid-append, or corruption at the end); cut back to the last good record")]
        public static partial void TornTail(ILogger logger, string file, long offset, long bytes);

        [LoggerMessage(EventId = 7103, EventName = "SpoolDropped", Level = LogLevel.Warning,
            Message = "Spool {Folder} full ({Bytes} of {MaxBytes} bytes): dropped segment {File} with {Batches} unacknowledged batches ({Measurements} measurements, sequences {First} to {Last})")]
        public static partial void Dropped(ILogger logger, string folder, long bytes, long maxBytes, string file, long batches, long measurements, long first, long last);

        [LoggerMessage(EventId = 7104, EventName = "SpoolWriteFailed", Level = LogLevel.Error,
            Message = "Spool append failed: {Reason}; the batch was not spooled (the caller keeps it) and the next append retries")]
        public static partial void WriteFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 7105, EventName = "SpoolCorruptOnRead", Level = LogLevel.Error,
            Message = "Spool segment {File}: record {Sequence} at offset {Offset} unreadable when read back ({Reason}); skipped")]
        public static partial void CorruptOnRead(ILogger logger, string file, long sequence, long offset, string reason);

        [LoggerMessage(EventId = 7106, EventName = "SpoolStateWriteFailed", Level = LogLevel.Error,
            Message = "Spool {Folder}: could not write its state file ({Reason}); acknowledged through {Acknowledged} in memory, written again on the next acknowledgement")]
        public static partial void StateWriteFailed(ILogger logger, string folder, string reason, long acknowledged);

        [LoggerMessage(EventId = 7107, EventName = "SpoolSyncFailed", Level = LogLevel.Error,
            Message = "Spool segment {File}: fsync failed ({Reason}); records appended since the last sync may not survive a power loss")]
        public static partial void SyncFailed(ILogger logger, string file, string reason);

        [LoggerMessage(EventId = 7108, EventName = "SpoolSegmentRemoved", Level = LogLevel.Warning,
            Message = "Spool segment {File} removed on open: {Why}")]
        public static partial void SegmentRemoved(ILogger logger, string file, string why);

        [LoggerMessage(EventId = 7109, EventName = "SpoolBlocked", Level = LogLevel.Warning,
            Message = "Spool {Folder} full ({Bytes} of {MaxBytes} bytes): appends wait for acknowledgements (spool_full block)")]
        public static partial void Blocked(ILogger logger, string folder, long bytes, long maxBytes);
    }
}
