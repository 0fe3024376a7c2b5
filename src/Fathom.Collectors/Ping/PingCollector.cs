using System.Diagnostics;
using Fathom.Collectors.Net;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Ping;

/// <summary>
/// ICMP echo to many targets at once (perfSONAR's rtt test, blackbox's icmp probe): per target
/// ping.rtt.min|avg|max|mdev, ping.loss, ping.sent, ping.received, ping.success, ping.duration.
/// </summary>
internal sealed class PingCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } = new(
        "ping",
        ["target", "count", "interval", "size", "ttl", "probe_timeout"],
        static () => new PingCollector());

    private PingSeries?[] _series = [];
    private CollectContext? _seriesContext;
    private PingRun? _run;

    public void Init(CollectorConfig config)
    {
        // Fails here, naming net.ipv4.ping_group_range, when neither socket kind is allowed.
        var kind = IcmpSocketChooser.Current;
        var settings = PingSettings.Read(config, kind);
        _run = new PingRun(settings, kind);
        _series = new PingSeries?[settings.Targets.Count];
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var run = _run ?? throw new InvalidOperationException("Init was not called");
        var started = Stopwatch.GetTimestamp();
        await run.RunAsync(cancellationToken).ConfigureAwait(false);
        var ended = Stopwatch.GetTimestamp();

        if (!ReferenceEquals(_seriesContext, context))
        {
            Array.Clear(_series);
            _seriesContext = context;
        }

        // One time for every sample of the run: they describe one measurement.
        var now = context.SampleTimeUnixNs();
        var targets = run.Targets;
        for (var i = 0; i < targets.Length; i++)
        {
            var target = targets[i];
            var series = _series[i] ??= new PingSeries(context, target.Name);
            var stats = target.Stats();

            // A target's duration: from its first probe to its last answer, or the whole run when any went unanswered.
            var from = target.Sent > 0 ? target.FirstSentTicks : started;
            var to = stats.Received == target.Sent && target.Errors == 0 && target.Sent > 0 ? target.LastSettledTicks : ended;
            series.Emit(context, target, stats, TimeSpan.FromMilliseconds(MonotonicClock.ElapsedMs(from, Math.Max(from, to))), now);
            if (target.Discarded > 0)
            {
                context.ReportProblem($"ping {target.Name}: {target.Discarded} of {stats.Received} replies left out of the RTTs: arrival before the send or after the time elapsed since it (the wall clock stepped)");
            }
        }

        return CollectOutcome.Default;
    }
}
