using Microsoft.Extensions.Logging;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>Keeps every log entry: level, event name and formatted message.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Event, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Event, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public int Count(string eventName) => Entries.Count(e => e.Event == eventName);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId.Name ?? "", formatter(state, exception)));
        }
    }
}
