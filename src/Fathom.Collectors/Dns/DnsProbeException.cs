namespace Fathom.Collectors.Dns;

/// <summary>A probe that cannot complete (socket error, unusable reply); caught per server and reported as its failure reason.</summary>
internal sealed class DnsProbeException : Exception
{
    public DnsProbeException()
    {
    }

    public DnsProbeException(string message)
        : base(message)
    {
    }

    public DnsProbeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
