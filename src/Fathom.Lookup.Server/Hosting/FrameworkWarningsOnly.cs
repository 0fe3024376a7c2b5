using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Server.Hosting;

/// <summary>
/// The host's logger factory as ASP.NET Core sees it: framework categories (Microsoft.*) log
/// warnings and errors only, so a client's empty TCP connection or a fuzzed request makes no noise.
/// </summary>
internal sealed class FrameworkWarningsOnly(ILoggerFactory inner) : ILoggerFactory
{
    // The host's own "failed to start" error is left out: StartAsync rethrows it to the caller, which reports it once.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public ILogger CreateLogger(string categoryName) => categoryName switch
    {
        HostCategory => new Filtered(inner.CreateLogger(categoryName), LogLevel.Critical),
        _ when categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) => new Filtered(inner.CreateLogger(categoryName), LogLevel.Warning),
        _ => inner.CreateLogger(categoryName),
    };

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The host of the server owns the inner factory.
    }

    private sealed class Filtered(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
