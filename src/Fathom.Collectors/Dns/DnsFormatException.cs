namespace Fathom.Collectors.Dns;

/// <summary>A malformed DNS message; only ever thrown inside <see cref="DnsParser"/>, which turns it into a reason.</summary>
internal sealed class DnsFormatException : Exception
{
    public DnsFormatException()
    {
    }

    public DnsFormatException(string message)
        : base(message)
    {
    }

    public DnsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
