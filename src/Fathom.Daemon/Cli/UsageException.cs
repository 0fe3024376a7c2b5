namespace Fathom.Daemon.Cli;

/// <summary>A command-line mistake: printed with the usage hint, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
