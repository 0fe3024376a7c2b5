using Microsoft.Extensions.Logging;

namespace Fathom.Collectors.Status;

internal static partial class StatusLog
{
    [LoggerMessage(EventId = 8100, EventName = "StatusAgentFailed", Level = LogLevel.Warning, Message = "{Agent} reads unknown: {Reason}")]
    public static partial void AgentFailed(ILogger logger, string agent, string reason);

    [LoggerMessage(EventId = 8101, EventName = "StatusFolded", Level = LogLevel.Debug, Message = "element '{Element}': oper {Oper}, admin {Admin} from {Agents} agent(s)")]
    public static partial void Folded(ILogger logger, string element, string oper, string admin, int agents);
}
