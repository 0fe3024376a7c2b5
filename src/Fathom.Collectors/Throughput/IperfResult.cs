namespace Fathom.Collectors.Throughput;

/// <summary>What an iperf3 run measured; jitter and loss for UDP, retransmits for TCP when the sender reports them.</summary>
internal sealed record IperfResult(double BitsPerSecond, double? Retransmits, double? JitterMs, double? LossPercent);
