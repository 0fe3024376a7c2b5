using Fathom.Core.Collectors;
using Fathom.Core.Processes;
using Microsoft.Extensions.Logging;

namespace Fathom.Collectors.Script;

/// <summary>
/// Runs a command each interval (perfSONAR's script collector) and reads measurements from its
/// stdout, as InfluxDB line protocol or status-agent lines; stderr lines become warnings.
/// </summary>
internal sealed class ScriptCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } = new(
        "script",
        ["command", "arguments", "format", "element", "environment", "working_directory"],
        static () => new ScriptCollector());

    private SpawnOptions? _options;
    private ScriptOutput? _output;

    public void Init(CollectorConfig config)
    {
        var command = ScriptConfig.ResolveCommand(config);
        var arguments = ScriptConfig.Arguments(config);
        var status = config.GetChoice("format", "influx", "influx", "status") == "status";
        if (!status && config.Has("element"))
        {
            throw config.Error("element", "is only used with format status");
        }

        _output = new ScriptOutput(status, config.GetString("element", config.Id));
        _options = new SpawnOptions
        {
            Executable = command,
            Arguments = [command, .. arguments],
            Environment = ScriptConfig.Environment(config),
            WorkingDirectory = ScriptConfig.WorkingDirectory(config),
            NewProcessGroup = true,
            StandardInput = StdioMode.Null,
            StandardOutput = StdioMode.Pipe,
            StandardError = StdioMode.Pipe,
        };
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        if (_options is null || _output is null)
        {
            throw new InvalidOperationException("Init was not called");
        }

        cancellationToken.ThrowIfCancellationRequested();
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(_options);
        }
        catch (IOException e)
        {
            context.ReportProblem($"collector {context.CollectorId}: {e.Message}");
            return CollectOutcome.Default;
        }

        using (child)
        {
            var gate = new RunGate();
            var stdout = LineReader.Start(child.StandardOutput!, (line, n) => gate.Run(() => _output.Handle(context, line, n)));
            var stderr = LineReader.Start(child.StandardError!, (line, _) => gate.Run(() =>
                context.Logger.LogWarning("collector {Collector}: stderr: {Line}", context.CollectorId, line)));
            try
            {
                var exit = await ScriptProcess.WaitAsync(child, Task.WhenAll(stdout, stderr), context, cancellationToken).ConfigureAwait(false);
                if (!exit.Success)
                {
                    context.ReportProblem($"collector {context.CollectorId}: {_options.Executable} ended with {exit}");
                }
            }
            finally
            {
                gate.Close();
            }
        }

        return CollectOutcome.Default;
    }
}
