using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Logging;

/// <summary>
/// Formats every entry as one line: time (UTC, ms), level, [collector ID] where the category is
/// "collector/ID", message; an exception adds its type and message (the stack only at debug).
/// </summary>
/// <remarks>A collector child writes "LEVEL|message" instead (Fathom.Child.Logging.ChildLoggerProvider).</remarks>
internal sealed class LineLoggerProvider(LogSettings settings, IReadOnlyList<ILogOutput> outputs, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName, settings.LevelFor(categoryName));

    public void Dispose()
    {
        foreach (var o in outputs)
        {
            o.Dispose();
        }
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var sb = new StringBuilder(96);
        sb.Append(time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        sb.Append(' ').Append(LevelName(level));
        if (category.StartsWith("collector/", StringComparison.Ordinal))
        {
            sb.Append(" [").Append(category.AsSpan(10)).Append(']');
        }

        sb.Append(' ').Append(message);
        if (exception is not null)
        {
            sb.Append(" (").Append(exception.GetType().Name).Append(": ").Append(exception.Message).Append(')');
            if (settings.Level <= LogLevel.Debug)
            {
                sb.Append(Environment.NewLine).Append(exception.StackTrace);
            }
        }

        Emit(sb.ToString(), level);
    }

    private void Emit(string line, LogLevel level)
    {
        foreach (var o in outputs)
        {
            o.WriteLine(line, level);
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    private sealed class LineLogger(LineLoggerProvider owner, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
