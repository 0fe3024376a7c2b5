using System.Globalization;
using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Throughput;

/// <summary>
/// Measures throughput to an iperf3 server each run (perfSONAR's throughput test): runs the
/// iperf3 client with JSON output and records rate, TCP retransmits, UDP jitter and loss.
/// </summary>
internal sealed class ThroughputCollector : ICollector
{
    public static CollectorDescriptor Descriptor { get; } = new("throughput", ThroughputConfig.Keys, static () => new ThroughputCollector());

    private ThroughputSettings? _settings;
    private CollectContext? _context;
    private ProbeOutcome? _outcome;
    private SeriesKey? _bps;
    private SeriesKey? _retransmits;
    private SeriesKey? _jitter;
    private SeriesKey? _loss;

    public void Init(CollectorConfig config) => _settings = ThroughputConfig.Read(config);

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var settings = _settings ?? throw new InvalidOperationException("Init was not called");
        var outcome = Outcome(context, settings);
        var start = context.Time.GetTimestamp();
        var (result, error) = await MeasureAsync(context, settings, cancellationToken).ConfigureAwait(false);
        var duration = context.Time.GetElapsedTime(start);
        if (result is null)
        {
            outcome.Failed(duration, error ?? "unknown failure");
            return CollectOutcome.Default;
        }

        context.Emit(_bps!, result.BitsPerSecond);
        if (result.Retransmits is { } retransmits)
        {
            context.Emit(_retransmits!, retransmits);
        }

        if (result.JitterMs is { } jitter && result.LossPercent is { } loss)
        {
            context.Emit(_jitter!, jitter);
            context.Emit(_loss!, loss);
        }

        outcome.Succeeded(duration);
        return CollectOutcome.Default;
    }

    private static async Task<(IperfResult?, string?)> MeasureAsync(CollectContext context, ThroughputSettings settings, CancellationToken runToken)
    {
        var (iperf3, missing) = IperfLocator.Find(settings.Iperf3);
        if (iperf3 is null)
        {
            return (null, missing);
        }

        using var timeout = new CancellationTokenSource(settings.Timeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, runToken);
        try
        {
            var (stdout, stderr, exit) = await IperfProcess.RunAsync(iperf3, settings.Arguments(), context, linked.Token).ConfigureAwait(false);
            return IperfOutput.Parse(stdout, exit, stderr, settings.Udp);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !runToken.IsCancellationRequested)
        {
            return (null, $"iperf3 did not finish within {settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was killed");
        }
        catch (IOException e)
        {
            return (null, $"cannot run {iperf3}: {e.Message}");
        }
    }

    private ProbeOutcome Outcome(CollectContext context, ThroughputSettings settings)
    {
        if (!ReferenceEquals(context, _context) || _outcome is null)
        {
            _context = context;
            _outcome = new ProbeOutcome(context, "throughput", settings.Target);
            _bps = _outcome.Series("bps", Units.BitsPerSecond);
            _retransmits = _outcome.Series("retransmits", Units.Count);
            _jitter = _outcome.Series("jitter", Units.Milliseconds);
            _loss = _outcome.Series("loss", Units.Percent);
        }

        return _outcome;
    }
}
