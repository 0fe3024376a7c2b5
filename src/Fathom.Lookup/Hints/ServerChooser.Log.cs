using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Hints;

public sealed partial class ServerChooser
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1152, EventName = "LookupServerChosen", Level = LogLevel.Information, Message = "lookup server {Server} chosen (connect {LatencyMs:0.###} ms; was {Previous})")]
        public static partial void Chose(ILogger logger, Uri server, double latencyMs, Uri? previous);

        [LoggerMessage(EventId = 1153, EventName = "LookupServersNotAnswering", Level = LogLevel.Warning, Message = "none of the {Count} alive lookup servers in the hints answered a TCP connect within {TimeoutMs} ms")]
        public static partial void NoneAnswers(ILogger logger, int count, double timeoutMs);

        [LoggerMessage(EventId = 1154, EventName = "LookupHintsNoneAlive", Level = LogLevel.Warning, Message = "the hints list {Count} lookup servers, none of them alive")]
        public static partial void NoneAlive(ILogger logger, int count);
    }
}
