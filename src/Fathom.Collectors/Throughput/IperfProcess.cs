using System.Text;
using Fathom.Collectors.Common.Processes;
using Fathom.Core.Collectors;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Throughput;

/// <summary>
/// One iperf3 run in its own process group (through setpriv when present, so a killed daemon
/// leaves no iperf3 behind), its stdout kept whole for the JSON, the end of its stderr for reasons.
/// Cancellation kills the group and rethrows.
/// </summary>
internal static class IperfProcess
{
    private const string SetPriv = "/usr/bin/setpriv";
    private const int MaxReport = 16 * 1024 * 1024;
    private const int MaxStderr = 2048;

    /// <summary>Throws <see cref="IOException"/> when the program cannot be started.</summary>
    public static async Task<(string Stdout, string Stderr, ChildExit Exit)> RunAsync(string iperf3, IReadOnlyList<string> arguments, CollectContext context, CancellationToken cancellationToken)
    {
        var viaSetPriv = File.Exists(SetPriv);
        using var child = ChildProcess.Start(new SpawnOptions
        {
            Executable = viaSetPriv ? SetPriv : iperf3,
            Arguments = viaSetPriv ? ["setpriv", "--pdeathsig", "KILL", "--", iperf3, .. arguments] : [iperf3, .. arguments],
            NewProcessGroup = true,
            StandardInput = StdioMode.Null,
            StandardOutput = StdioMode.Pipe,
            StandardError = StdioMode.Pipe,
        });
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var gate = new RunGate();
        var output = Task.WhenAll(
            LineReader.Start(child.StandardOutput!, (line, _) => gate.Run(() => Append(stdout, line, MaxReport))),
            LineReader.Start(child.StandardError!, (line, _) => gate.Run(() => Append(stderr, line, MaxStderr))));
        try
        {
            var exit = await ProcessGroupRun.WaitAsync(child, output, context, cancellationToken).ConfigureAwait(false);
            // Closed before reading the text: a reader thread can no longer append to it.
            gate.Close();
            return (stdout.ToString(), stderr.ToString().Trim(), exit);
        }
        finally
        {
            gate.Close();
        }
    }

    private static void Append(StringBuilder sb, string line, int max)
    {
        // A report cut at the limit fails as malformed JSON, with the reason, rather than growing without bound.
        if (sb.Length + line.Length < max)
        {
            sb.Append(line).Append('\n');
        }
    }
}
