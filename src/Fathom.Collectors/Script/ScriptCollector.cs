using Fathom.Collectors.Common.Processes;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Script;

/// <summary>
/// Runs a command each interval (perfSONAR's script collector) and reads measurements from its
/// stdout, as InfluxDB line protocol or status-agent lines; stderr lines become warnings (a
/// bounded number per run, see <see cref="StderrLimiter"/>).
/// </summary>
internal sealed class ScriptCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } = new(
        "script",
        ["command", "arguments", "format", "element", "environment", "working_directory"],
        static () => new ScriptCollector());

    private SpawnOptions? _options;
    private string _command = "";
    private ScriptOutput? _output;

    public void Init(CollectorConfig config)
    {
        // Every key on its own, so every mistake of the block is reported at once.
        var problems = new ConfigProblems();
        var command = problems.Read(() => ScriptConfig.ResolveCommand(config), "");
        _command = command;
        var arguments = problems.Read(() => ScriptConfig.Arguments(config), []);
        var status = problems.Read(() => config.GetChoice("format", "influx", "influx", "status"), "status") == "status";
        if (!status && config.Has("element"))
        {
            problems.Add(config.Error("element", "is only used with format status"));
        }

        var output = new ScriptOutput(status, problems.Read(() => config.GetString("element", config.Id), config.Id));
        var environment = problems.Read(() => ScriptConfig.Environment(config), []);
        var workingDirectory = problems.Read(() => ScriptConfig.WorkingDirectory(config), null);
        problems.ThrowIfAny();
        _output = output;
        _options = ScriptSpawn.Options(command, arguments, environment, workingDirectory);
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        if (_options is null || _output is null)
        {
            throw new InvalidOperationException("Init was not called");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(_command))
        {
            // Checked here too: behind setpriv the spawn itself would succeed and only setpriv would fail.
            context.ReportProblem($"collector {context.CollectorId}: cannot run {_command}: No such file or directory");
            return CollectOutcome.Default;
        }

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
            var limiter = new StderrLimiter(context);
            var stdout = LineReader.Start(child.StandardOutput!, (line, n) => gate.Run(() => _output.Handle(context, line, n)));
            var stderr = LineReader.Start(child.StandardError!, (line, _) => gate.Run(() => limiter.Line(line)));
            try
            {
                var exit = await ProcessGroupRun.WaitAsync(child, Task.WhenAll(stdout, stderr), context, cancellationToken).ConfigureAwait(false);
                if (!exit.Success)
                {
                    context.ReportProblem($"collector {context.CollectorId}: {_command} ended with {exit}");
                }
            }
            finally
            {
                gate.Close();
                limiter.Finish();
            }
        }

        return CollectOutcome.Default;
    }
}
