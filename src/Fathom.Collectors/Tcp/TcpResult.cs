namespace Fathom.Collectors.Tcp;

/// <summary>What one tcp probe measured; a phase that did not complete stays null.</summary>
internal sealed class TcpResult
{
    public double? ResolveMs { get; set; }

    public double? ConnectMs { get; set; }

    public double? TlsMs { get; set; }

    public DateTimeOffset? NotAfter { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Null when the probe succeeded.</summary>
    public string? Failure { get; set; }
}
