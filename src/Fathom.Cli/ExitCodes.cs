namespace Fathom.Cli;

/// <summary>The CLI's exit codes, so scripts can tell bad input from failures.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>
    /// The command was valid but failed while running (I/O, SQLite errors, an archive in use), or
    /// "archive check" found problems.
    /// </summary>
    public const int Failure = 1;

    /// <summary>Bad usage or input: unknown command or option, bad value, missing or foreign archive.</summary>
    public const int Usage = 2;
}
