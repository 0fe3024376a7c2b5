namespace Fathom.Daemon.Parts;

/// <summary>A part's start-up failure with the exit code the launcher reports (3 for "already running").</summary>
internal sealed class DaemonPartException : Exception
{
    public DaemonPartException(int exitCode, string message, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public DaemonPartException()
    {
    }

    public DaemonPartException(string message) : base(message)
    {
    }

    public DaemonPartException(string message, Exception inner) : base(message, inner)
    {
    }

    public int ExitCode { get; } = Cli.ExitCodes.Failure;
}
