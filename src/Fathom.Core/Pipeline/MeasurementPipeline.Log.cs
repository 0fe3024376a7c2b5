using Microsoft.Extensions.Logging;

namespace Fathom.Core.Pipeline;

public sealed partial class MeasurementPipeline
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, EventName = "PipelineDropped", Level = LogLevel.Error, Message = "queue full: {Dropped} measurement(s) dropped so far (oldest first); {Queued} queued")]
        public static partial void Dropped(ILogger logger, long dropped, int queued);

        [LoggerMessage(EventId = 201, EventName = "ArchiveWriteFailed", Level = LogLevel.Error, Message = "archive {Archive}: writing {Count} measurement(s) failed: {Reason}; kept, retrying in {Seconds} s")]
        public static partial void WriteFailed(ILogger logger, string archive, int count, string reason, double seconds);

        [LoggerMessage(EventId = 202, EventName = "ArchiveGaveUp", Level = LogLevel.Critical, Message = "stopping: {Count} measurement(s) could not be written to {Archive} and are lost")]
        public static partial void GaveUp(ILogger logger, int count, string archive);
    }
}
