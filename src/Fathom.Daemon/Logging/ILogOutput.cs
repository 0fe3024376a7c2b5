namespace Fathom.Daemon.Logging;

/// <summary>Where formatted log lines go: a terminal stream, a file, syslog.</summary>
internal interface ILogOutput : IDisposable
{
    void WriteLine(string line, Microsoft.Extensions.Logging.LogLevel level);
}
