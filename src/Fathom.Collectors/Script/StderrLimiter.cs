using System.Text;
using Fathom.Core.Collectors;
using Microsoft.Extensions.Logging;

namespace Fathom.Collectors.Script;

/// <summary>
/// A script's stderr for one run: the first <see cref="MaxLines"/> lines (and about
/// <see cref="MaxBytes"/> bytes) are logged, the rest only counted and summed up in one line,
/// so a script that floods stderr cannot flood the log.
/// </summary>
internal sealed partial class StderrLimiter(CollectContext context)
{
    public const int MaxLines = 20;
    public const int MaxBytes = 4096;
    private const int MaxLineChars = 512;
    private int _loggedLines;
    private int _loggedBytes;
    private long _suppressedLines;
    private long _suppressedBytes;

    /// <summary>Called from the reader under the run's gate, so never concurrently.</summary>
    public void Line(string line)
    {
        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        if (_suppressedLines > 0 || _loggedLines >= MaxLines || _loggedBytes >= MaxBytes)
        {
            _suppressedLines++;
            _suppressedBytes += bytes;
            return;
        }

        _loggedLines++;
        _loggedBytes += Math.Min(bytes, MaxLineChars);
        Log.Stderr(context.Logger, context.CollectorId, line.Length <= MaxLineChars ? line : line[..MaxLineChars] + "…");
    }

    /// <summary>Logs what was left out, if anything; call once the run's output is closed.</summary>
    public void Finish()
    {
        if (_suppressedLines > 0)
        {
            Log.Suppressed(context.Logger, context.CollectorId, _suppressedLines, _suppressedBytes);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 620, EventName = "ScriptStderr", Level = LogLevel.Warning, Message = "collector {Collector}: stderr: {Line}")]
        public static partial void Stderr(ILogger logger, string collector, string line);

        [LoggerMessage(EventId = 621, EventName = "ScriptStderrSuppressed", Level = LogLevel.Warning, Message = "collector {Collector}: suppressed {Lines} more lines ({Bytes} bytes) of stderr in this run")]
        public static partial void Suppressed(ILogger logger, string collector, long lines, long bytes);
    }
}
