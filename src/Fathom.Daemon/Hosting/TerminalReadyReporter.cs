namespace Fathom.Daemon.Hosting;

/// <summary>Attached mode: start-up errors go straight to the terminal.</summary>
internal sealed class TerminalReadyReporter : IReadyReporter
{
    public void Ready()
    {
    }

    /// <summary>One error as "fathomd: message"; a list (configuration errors) one per line, each led by its file:line.</summary>
    public void Failed(int exitCode, string message)
    {
        var lines = message.Split('\n');
        if (lines.Length == 1)
        {
            Console.Error.WriteLine($"fathomd: {message}");
            return;
        }

        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }

        Console.Error.WriteLine($"fathomd: {lines.Length} errors");
    }
}
