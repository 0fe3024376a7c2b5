using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Server.Hosting;

/// <summary>
/// Loggers writing one line per message to a <see cref="TextWriter"/> (stderr for
/// <c>fathom lookup-server</c>): "2026-12-06T22:00:00.000Z info lookup: message". Messages below
/// <see cref="MinimumLevel"/> are dropped; an exception adds its type and message, never a stack trace.
/// </summary>
public sealed class TextLoggerFactory(TextWriter output, TimeProvider time, LogLevel minimumLevel = LogLevel.Information) : ILoggerFactory
{
    private readonly Lock _lock = new();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public ILogger CreateLogger(string categoryName) => new Line(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // One sink only: the writer.
    }

    public void Dispose()
    {
        // The writer belongs to the caller.
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var name = level switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "crit",
        };
        var line = exception is null ? $"{stamp} {name} {category}: {message}" : $"{stamp} {name} {category}: {message}: {exception.GetType().Name}: {exception.Message}";
        lock (_lock)
        {
            output.WriteLine(line.ReplaceLineEndings(" "));
            output.Flush();
        }
    }

    private sealed class Line(TextLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
