using Fathom.Collectors.Common.Snmp;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Status;

/// <summary>
/// perfSONAR's status collector: each poll reads every agent of every &lt;element&gt; (at once,
/// a bounded number at a time), folds them worst-wins, and emits the element's status once per id.
/// A failed agent reads unknown and is logged with its reason.
/// </summary>
internal sealed class StatusCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } = new("status", ["element"], static () => new StatusCollector());

    private const int MaxConcurrentAgents = 16;
    private readonly SemaphoreSlim _slots = new(MaxConcurrentAgents);
    private List<StatusElement> _elements = [];
    private bool _usesSnmp;

    public void Init(CollectorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new ConfigProblems();
        if (config.Isolation == IsolationMode.Process)
        {
            // A child gets the block's plain keys only (ChildSpec), not its nested <element> blocks.
            problems.Add(config.Error("isolation", "process is not available to the status collector (its <element> blocks stay in the daemon); its agents' scripts run in their own process groups anyway"));
        }

        var elements = StatusConfig.Elements(config, problems);
        problems.ThrowIfAny();
        _elements = elements;
        _usesSnmp = elements.Any(e => e.Agents.Any(a => a is SnmpStatusAgent));
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_usesSnmp)
        {
            SnmpClient.Shared.UseLogger(context.Logger);
        }

        var time = context.SampleTimeUnixNs();
        var polls = new Task<AgentReading[]>[_elements.Count];
        for (var i = 0; i < polls.Length; i++)
        {
            polls[i] = Task.WhenAll(_elements[i].Agents.Select(a => ReadAsync(a, context, cancellationToken)));
        }

        await Task.WhenAll(polls).ConfigureAwait(false);

        // Emitted from this one task: a context takes one writer at a time.
        for (var i = 0; i < polls.Length; i++)
        {
            var element = _elements[i];
            var (oper, admin) = StatusFold.Fold(polls[i].Result);
            var operWord = StatusWords.Word(oper);
            var adminWord = admin is { } a ? StatusWords.Word(a) : null;
            StatusLog.Folded(context.Logger, element.Ids[0], operWord, adminWord ?? "-", element.Agents.Count);
            foreach (var id in element.Ids)
            {
                context.EmitStatus(id, operWord, adminWord, time);
            }
        }

        return CollectOutcome.Default;
    }

    private async Task<AgentReading> ReadAsync(IStatusAgent agent, CollectContext context, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        AgentReading reading;
        try
        {
            reading = await agent.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // An agent's bug must cost its own reading, never the element's whole poll.
            reading = AgentReading.Failed(agent.Kinds, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _slots.Release();
        }

        if (reading.Failure is { } reason)
        {
            StatusLog.AgentFailed(context.Logger, agent.Name, reason);
        }

        return reading;
    }
}
