namespace Fathom.Collectors.Ping;

/// <summary>
/// iputils ping's summary: min/avg/max and mdev, the population standard deviation
/// sqrt(mean(rtt²) − mean(rtt)²), and loss as a percentage of probes sent.
/// </summary>
internal readonly record struct PingStats(int Sent, int Received, double LossPercent, double Min, double Avg, double Max, double Mdev)
{
    public static PingStats Of(int sent, IReadOnlyList<double> rtts) => Of(sent, rtts.Count, rtts);

    /// <summary>The summary of <paramref name="received"/> replies, of which <paramref name="rtts"/> have an RTT (some may have been left out).</summary>
    public static PingStats Of(int sent, int received, IReadOnlyList<double> rtts)
    {
        received = Math.Min(received, sent);
        var loss = sent == 0 ? 100 : 100.0 * (sent - received) / sent;
        if (rtts.Count == 0)
        {
            return new PingStats(sent, 0, loss, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0, sumSquares = 0, min = double.MaxValue, max = double.MinValue;
        foreach (var r in rtts)
        {
            sum += r;
            sumSquares += r * r;
            min = Math.Min(min, r);
            max = Math.Max(max, r);
        }

        var avg = sum / rtts.Count;
        var mdev = Math.Sqrt(Math.Max(0, (sumSquares / rtts.Count) - (avg * avg)));
        return new PingStats(sent, received, loss, min, avg, max, mdev);
    }
}
