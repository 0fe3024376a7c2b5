namespace Fathom.Daemon.Hosting;

/// <summary>Attached mode: start-up errors go straight to the terminal.</summary>
internal sealed class TerminalReadyReporter : IReadyReporter
{
    public void Ready()
    {
    }

    public void Failed(int exitCode, string message) => Console.Error.WriteLine($"fathomd: {message}");
}
