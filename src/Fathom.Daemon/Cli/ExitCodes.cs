namespace Fathom.Daemon.Cli;

/// <summary>fathomd's exit codes (DESIGN.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int AlreadyRunning = 3;
}
