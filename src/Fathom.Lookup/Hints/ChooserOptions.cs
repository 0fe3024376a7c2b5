namespace Fathom.Lookup.Hints;

/// <summary>How <see cref="ServerChooser"/> probes and when it switches servers.</summary>
public sealed record ChooserOptions
{
    /// <summary>How long one connect may take before the server counts as not answering (default 3 s).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Consecutive checks the current server must be worse before a switch (default 3).</summary>
    public int ChecksBeforeSwitch { get; init; } = 3;

    /// <summary>How much slower, relatively, the current server must be to count as worse (default 0.2: 20%).</summary>
    public double RelativeMargin { get; init; } = 0.2;

    /// <summary>How much slower, absolutely, the current server must be to count as worse (default 1 ms).</summary>
    public TimeSpan AbsoluteMargin { get; init; } = TimeSpan.FromMilliseconds(1);
}
