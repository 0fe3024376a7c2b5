using System.Diagnostics;
using System.Text.Json;
using Fathom.Collectors.Net;
using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Trace;

/// <summary>
/// traceroute to each target (perfSONAR's trace test): trace.hops, the event trace.path, and
/// trace.path_change when the hop addresses differ from the previous run's; success = reached.
/// </summary>
internal sealed class TraceCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } = new(
        "trace",
        ["target", "max_hops", "queries", "protocol", "probe_timeout", "interval"],
        static () => new TraceCollector());

    private readonly PathHistory _paths = new();
    private readonly Dictionary<string, (ProbeOutcome Outcome, SeriesKey Hops)> _series = new(StringComparer.Ordinal);
    private CollectContext? _seriesContext;
    private TraceSettings? _settings;
    private IcmpSocketKind _kind;

    public void Init(CollectorConfig config)
    {
        _settings = TraceSettings.Read(config);

        // UDP needs no privilege (the error queue); ICMP needs a raw or ICMP datagram socket.
        _kind = _settings.Icmp ? IcmpSocketChooser.Current : IcmpSocketKind.Datagram;
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var settings = _settings ?? throw new InvalidOperationException("Init was not called");
        var started = Stopwatch.GetTimestamp();
        var run = new TraceRun(settings, _kind, context.Time);
        await run.RunAsync(cancellationToken).ConfigureAwait(false);
        var duration = Stopwatch.GetElapsedTime(started);
        if (!ReferenceEquals(_seriesContext, context))
        {
            _series.Clear();
            _seriesContext = context;
        }

        foreach (var target in run.Targets)
        {
            if (!_series.TryGetValue(target.Name, out var series))
            {
                var outcome = new ProbeOutcome(context, "trace", target.Name);
                series = (outcome, outcome.Series("hops", "count"));
                _series[target.Name] = series;
            }

            Emit(context, target, series.Outcome, series.Hops, duration);
        }

        return CollectOutcome.Default;
    }

    private void Emit(CollectContext context, TraceTarget target, ProbeOutcome outcome, SeriesKey hopsSeries, TimeSpan duration)
    {
        if (target.Address is null)
        {
            outcome.Failed(duration, target.Problem ?? "not resolved");
            return;
        }

        var hops = target.Hops();
        if (target.Discarded > 0)
        {
            context.ReportProblem($"trace {target.Name}: {target.Discarded} answers' RTTs left out: arrival before the send or after the time elapsed since it (the wall clock stepped)");
        }

        var tag = new KeyValuePair<string, string>("target", target.Name);
        context.Emit(hopsSeries, hops.Count);
        var reached = target.ReachedTtl is not null;
        context.EmitEvent("trace.path", JsonSerializer.Serialize(new TracePathEvent(target.Name, target.Address.ToString(), reached, hops), TraceJson.Default.TracePathEvent), tag);
        // Ended: the destination answered, or a router said it is unreachable (the path cannot go on).
        var ended = reached || (target.StoppedTtl is { } stopped && stopped == hops.Count);
        if (_paths.Update(target.Name, hops, ended) is { } old)
        {
            context.EmitEvent("trace.path_change", JsonSerializer.Serialize(new TracePathChange(target.Name, old, hops), TraceJson.Default.TracePathChange), tag);
        }
        if (reached)
        {
            outcome.Succeeded(duration);
        }
        else
        {
            outcome.Failed(duration, target.StopReason ?? target.Problem ?? $"{target.Address} not reached within {hops.Count} of {_settings!.MaxHops} hops");
        }
    }
}
