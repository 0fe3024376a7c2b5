namespace Fathom.Core.Processes;

/// <summary>Linux signal numbers used with <see cref="ChildProcess.Signal"/>.</summary>
public static class Signals
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
}
