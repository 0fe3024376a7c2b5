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

    public void Emit(CollectContext context, PingTarget result, TimeSpan duration)
    {
        if (result.ResolveError is { } unresolved)
        {
            Outcome.Failed(duration, unresolved);
            return;
        }

        var stats = result.Stats();
        context.Emit(Sent, stats.Sent);
        context.Emit(Received, stats.Received);
        context.Emit(Loss, stats.LossPercent);
        if (stats.Received > 0)
        {
            context.Emit(Min, stats.Min);
            context.Emit(Avg, stats.Avg);
            context.Emit(Max, stats.Max);
            context.Emit(Mdev, stats.Mdev);
            Outcome.Succeeded(duration);
            return;
        }

        var reason = result.IcmpError is { } icmp ? $"{icmp} ({result.Errors} of {stats.Sent} probes)"
            : result.SendError is { } send ? send
            : $"no reply to {stats.Sent} probes (100% loss)";
        Outcome.Failed(duration, reason);
    }
}
