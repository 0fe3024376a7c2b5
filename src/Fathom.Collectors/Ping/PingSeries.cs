using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Ping;

/// <summary>One target's cached series keys and probe outcome.</summary>
internal sealed class PingSeries(CollectContext context, string target)
{
    public ProbeOutcome Outcome { get; } = new(context, "ping", target);

    public SeriesKey Min { get; } = context.Series("ping.rtt.min", "ms", new KeyValuePair<string, string>("target", target));

    public SeriesKey Avg { get; } = context.Series("ping.rtt.avg", "ms", new KeyValuePair<string, string>("target", target));

    public SeriesKey Max { get; } = context.Series("ping.rtt.max", "ms", new KeyValuePair<string, string>("target", target));

    public SeriesKey Mdev { get; } = context.Series("ping.rtt.mdev", "ms", new KeyValuePair<string, string>("target", target));

    public SeriesKey Loss { get; } = context.Series("ping.loss", "percent", new KeyValuePair<string, string>("target", target));

    public SeriesKey Sent { get; } = context.Series("ping.sent", "count", new KeyValuePair<string, string>("target", target));

    public SeriesKey Received { get; } = context.Series("ping.received", "count", new KeyValuePair<string, string>("target", target));

    public void Emit(CollectContext context, PingTarget result, in PingStats stats, TimeSpan duration, long timeUnixNs)
    {
        if (result.ResolveError is { } unresolved)
        {
            Outcome.Failed(duration, unresolved, timeUnixNs);
            return;
        }

        context.Emit(Sent, stats.Sent, timeUnixNs);
        context.Emit(Received, stats.Received, timeUnixNs);
        context.Emit(Loss, stats.LossPercent, timeUnixNs);
        if (stats.Received > 0)
        {
            // NaN when every reply's RTT was left out as impossible: then no RTT is reported.
            if (!double.IsNaN(stats.Min))
            {
                context.Emit(Min, stats.Min, timeUnixNs);
                context.Emit(Avg, stats.Avg, timeUnixNs);
                context.Emit(Max, stats.Max, timeUnixNs);
                context.Emit(Mdev, stats.Mdev, timeUnixNs);
            }

            Outcome.Succeeded(duration, timeUnixNs);
            return;
        }

        var reason = result.IcmpError is { } icmp ? $"{icmp} ({result.Errors} of {stats.Sent} probes)"
            : result.SendError is { } send ? send
            : $"no reply to {stats.Sent} probes (100% loss)";
        Outcome.Failed(duration, reason, timeUnixNs);
    }
}
