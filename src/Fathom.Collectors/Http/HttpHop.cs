namespace Fathom.Collectors.Http;

/// <summary>What one request/response exchange measured; a phase not reached stays null.</summary>
internal sealed class HttpHop
{
    public double? ResolveMs { get; set; }

    public double? ConnectMs { get; set; }

    public double? TlsMs { get; set; }

    public double? WriteMs { get; set; }

    public double? TtfbMs { get; set; }

    public double? TransferMs { get; set; }

    /// <summary>The sum of the phases: set only when the whole exchange completed.</summary>
    public double? TotalMs { get; set; }

    public DateTimeOffset? NotAfter { get; set; }

    public ResponseHead? Head { get; set; }

    public BodySink? Body { get; set; }
}
