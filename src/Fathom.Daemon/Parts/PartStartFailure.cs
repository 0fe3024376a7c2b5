namespace Fathom.Daemon.Parts;

/// <summary>Which part did not start, the exit code it calls for, and the one-line message.</summary>
internal sealed record PartStartFailure(string Part, int ExitCode, string Message);
