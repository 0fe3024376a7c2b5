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

    private readonly Dictionary<string, PingSeries> _series = new(StringComparer.Ordinal);
    private CollectContext? _seriesContext;
    private PingSettings? _settings;
    private IcmpSocketKind _kind;

    public void Init(CollectorConfig config)
    {
        // Fails here, naming net.ipv4.ping_group_range, when neither socket kind is allowed.
        _kind = IcmpSocketChooser.Current;
        _settings = PingSettings.Read(config, _kind);
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var settings = _settings ?? throw new InvalidOperationException("Init was not called");
        var started = Stopwatch.GetTimestamp();
        var run = new PingRun(settings, _kind, context.Time);
        await run.RunAsync(cancellationToken).ConfigureAwait(false);
        var ended = Stopwatch.GetTimestamp();

        if (!ReferenceEquals(_seriesContext, context))
        {
            _series.Clear();
            _seriesContext = context;
        }

        foreach (var target in run.Targets)
        {
            if (!_series.TryGetValue(target.Name, out var series))
            {
                series = new PingSeries(context, target.Name);
                _series[target.Name] = series;
            }

            // A target's duration: from its first probe to its last answer, or the whole run when any went unanswered.
            var from = target.Sent > 0 ? target.FirstSentTicks : started;
            var to = target.Stats().Received == target.Sent && target.Errors == 0 && target.Sent > 0 ? target.LastSettledTicks : ended;
            series.Emit(context, target, TimeSpan.FromMilliseconds(MonotonicClock.ElapsedMs(from, Math.Max(from, to))));
        }

        return CollectOutcome.Default;
    }
}
