namespace Fathom.Core.Processes;

/// <summary>How a child ended: an exit code, or the signal that terminated it.</summary>
public readonly record struct ChildExit(int? ExitCode, int? Signal)
{
    public bool Success => ExitCode == 0;

    /// <summary>Decodes a waitpid status word.</summary>
    public static ChildExit FromWaitStatus(int status)
    {
        var low = status & 0x7f;
        return low == 0 ? new ChildExit((status >> 8) & 0xff, null) : new ChildExit(null, low);
    }

    public override string ToString() => (ExitCode, Signal) switch
    {
        ({ } code, _) => $"exit code {code}",
        (_, { } signal) => $"killed by signal {signal}{SignalName(signal)}",
        _ => "unknown exit status",
    };

    private static string SignalName(int signal) => signal switch
    {
        1 => " (SIGHUP)",
        2 => " (SIGINT)",
        6 => " (SIGABRT)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        13 => " (SIGPIPE)",
        15 => " (SIGTERM)",
        _ => "",
    };
}
