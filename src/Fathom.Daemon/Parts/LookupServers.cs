using Fathom.Lookup.Configuration;
using Fathom.Lookup.Hints;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>
/// The servers to register with: every <c>url</c>; with none, the alive host of <c>hints_file</c>
/// with the lowest priority (read at start and reload; hints_url and latency-based switching are the hints chooser's).
/// </summary>
internal static partial class LookupServers
{
    public static IReadOnlyList<Uri> Of(LookupSettings settings, ILogger logger)
    {
        if (settings.Urls.Count > 0 || settings.HintsFile is null)
        {
            return settings.Urls;
        }

        try
        {
            var chosen = HintsParser.ReadFile(settings.HintsFile)
                .Where(h => h.Status == HintStatus.Alive)
                .OrderBy(h => h.Priority)
                .FirstOrDefault();
            return chosen is null ? [] : [chosen.Locator];
        }
        catch (HintsException e)
        {
            Log.HintsUnusable(logger, settings.HintsFile, e.Message);
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1193, EventName = "LookupHintsUnusable", Level = LogLevel.Warning, Message = "lookup: hints file {Path} cannot be used ({Reason}); nothing registers until it can")]
        public static partial void HintsUnusable(ILogger logger, string path, string reason);
    }
}
