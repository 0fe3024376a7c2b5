namespace Fathom.Lookup.Hints;

/// <summary>Measures how long a TCP connect to a lookup server takes.</summary>
public interface IConnectProber
{
    /// <summary>The connect latency to <paramref name="locator"/>'s host and port, or null when no connection was made within <paramref name="timeout"/>.</summary>
    Task<TimeSpan?> ProbeAsync(Uri locator, TimeSpan timeout, CancellationToken cancellationToken);
}
