using Microsoft.Extensions.Logging;

namespace Fathom.Api.Hosting;

/// <summary>
/// The daemon's logger factory as ASP.NET Core sees it: the framework's own categories
/// (Microsoft.*) log warnings and errors only; the API logs its own lines ("api listening on …").
/// </summary>
internal sealed class QuietFrameworkLoggers(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.", StringComparison.Ordinal)
            ? new WarningsOnly(inner.CreateLogger(categoryName))
            : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The daemon owns the inner factory and disposes it.
    }

    private sealed class WarningsOnly(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state) ?? NullScope.Instance;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    private sealed class NullScope : IDisposable
    {
        public static NullScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
