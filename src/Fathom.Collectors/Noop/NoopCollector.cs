using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Noop;

/// <summary>
/// Does nothing but optionally emit one constant sample or sleep: used to measure the scheduler
/// and to exercise supervision (a collector that hangs or throws on demand).
/// </summary>
internal sealed class NoopCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } =
        new("noop", ["emit", "sleep", "fail"], static () => new NoopCollector());

    private bool _emit;
    private TimeSpan _sleep;
    private bool _fail;

    public void Init(CollectorConfig config)
    {
        var problems = new ConfigProblems();
        _emit = problems.Read(() => config.GetBool("emit", false), false);
        _sleep = problems.Read(() => config.GetDuration("sleep", TimeSpan.Zero), TimeSpan.Zero);
        _fail = problems.Read(() => config.GetBool("fail", false), false);
        problems.ThrowIfAny();
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        if (_sleep > TimeSpan.Zero)
        {
            await Task.Delay(_sleep, context.Time, cancellationToken).ConfigureAwait(false);
        }

        if (_fail)
        {
            throw new InvalidOperationException("noop collector configured to fail");
        }

        if (_emit)
        {
            context.Emit(context.Series("noop.value", Units.Count), 1);
        }

        return CollectOutcome.Default;
    }
}
