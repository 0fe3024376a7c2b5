namespace Fathom.Collectors.Throughput;

/// <summary>A throughput collector block, checked. <see cref="Iperf3"/> is the configured path, or null for PATH.</summary>
internal sealed record ThroughputSettings(
    string Target,
    int Port,
    TimeSpan Duration,
    int Streams,
    bool Reverse,
    bool Udp,
    string? Bandwidth,
    string? Iperf3,
    TimeSpan Timeout)
{
    /// <summary>iperf3's arguments after argv[0]: a client run with JSON output.</summary>
    public IReadOnlyList<string> Arguments()
    {
        List<string> args = ["-c", Target, "-p", Invariant(Port), "-t", Invariant((long)Duration.TotalSeconds), "-P", Invariant(Streams)];
        if (Reverse)
        {
            args.Add("-R");
        }

        if (Udp)
        {
            args.Add("-u");
        }

        if (Bandwidth is not null)
        {
            args.AddRange(["-b", Bandwidth]);
        }

        args.Add("-J");
        return args;
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
