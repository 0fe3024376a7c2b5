using System.Text;
using Microsoft.Extensions.Logging;

namespace Fathom.Child.Logging;

/// <summary>
/// A collector child's log: "LEVEL|message" lines on stderr (LEVEL is the <see cref="LogLevel"/>
/// number); the parent adds the time and the collector's ID and relays them to its own log.
/// </summary>
internal sealed class ChildLoggerProvider(TextWriter output, LogLevel minimum) : ILoggerProvider
{
    private readonly object _gate = new();

    public static ILoggerFactory CreateFactory(LogLevel minimum) =>
        LoggerFactory.Create(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(new ChildLoggerProvider(Console.Error, minimum)));

    public ILogger CreateLogger(string categoryName) => new ChildLogger(this, minimum);

    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                output.Flush();
            }
            catch (IOException)
            {
                // as in Write
            }
        }
    }

    private void Write(LogLevel level, string message, Exception? exception)
    {
        var sb = new StringBuilder(96);
        sb.Append((int)level).Append('|').Append(message.ReplaceLineEndings(" "));
        if (exception is not null)
        {
            sb.Append(" (").Append(exception.GetType().Name).Append(": ").Append(exception.Message.ReplaceLineEndings(" ")).Append(')');
        }

        lock (_gate)
        {
            try
            {
                output.WriteLine(sb.ToString());
                output.Flush();
            }
            catch (IOException)
            {
                // The parent closed our stderr: nobody is listening any more.
            }
        }
    }

    private sealed class ChildLogger(ChildLoggerProvider owner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, formatter(state, exception), exception);
            }
        }
    }
}
