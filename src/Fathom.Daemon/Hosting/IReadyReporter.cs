namespace Fathom.Daemon.Hosting;

/// <summary>Tells whoever started the daemon that start-up finished, or why it failed.</summary>
internal interface IReadyReporter
{
    void Ready();

    void Failed(int exitCode, string message);
}
