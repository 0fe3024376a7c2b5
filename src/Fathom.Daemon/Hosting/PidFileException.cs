namespace Fathom.Daemon.Hosting;

/// <summary>The pid file could not be taken; <see cref="RunningPid"/> is set when another daemon holds it.</summary>
internal sealed class PidFileException(string message, int? runningPid) : Exception(message)
{
    public int? RunningPid { get; } = runningPid;

    public bool AlreadyRunning => Message.StartsWith("already running", StringComparison.Ordinal);
}
