using Fathom.Collectors.Common.Processes;
using Fathom.Core.Collectors;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Status;

/// <summary>
/// perfSONAR's script agent: runs a command in its own process group each poll and reads one
/// status line from its stdout. A non-zero exit, a timeout, no line, several lines or a bad line
/// is a failure (unknown) with the reason; the group is killed so nothing outlives the poll.
/// </summary>
internal sealed class ScriptAgent(string name, StatusKinds kinds, string command, SpawnOptions options, TimeSpan timeout) : IStatusAgent
{
    public string Name { get; } = name;

    public StatusKinds Kinds { get; } = kinds;

    public async Task<AgentReading> ReadAsync(CollectContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(command))
        {
            // Behind setpriv the spawn itself would succeed and only setpriv would fail.
            return AgentReading.Failed(Kinds, $"cannot run {command}: No such file or directory");
        }

        ChildProcess child;
        try
        {
            child = ChildProcess.Start(options);
        }
        catch (IOException e)
        {
            return AgentReading.Failed(Kinds, $"cannot run {command}: {e.Message}");
        }

        using (child)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var output = new ScriptAgentOutput();
            var gate = new RunGate();
            var stdout = LineReader.Start(child.StandardOutput!, (line, n) => gate.Run(() => output.Line(line, n)));
            var stderr = LineReader.Start(child.StandardError!, (line, _) => gate.Run(() => output.Error(line)));
            limit.CancelAfter(timeout);
            try
            {
                var exit = await ProcessGroupRun.WaitAsync(child, Task.WhenAll(stdout, stderr), context, limit.Token).ConfigureAwait(false);
                gate.Close();
                return exit.Success ? output.Reading(Kinds) : AgentReading.Failed(Kinds, $"{command} ended with {exit}{output.ErrorText()}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                gate.Close();
                return AgentReading.Failed(Kinds, $"{command} timed out after {timeout.TotalSeconds:0.###} s (its process group was killed){output.ErrorText()}");
            }
            finally
            {
                gate.Close();
            }
        }
    }
}
