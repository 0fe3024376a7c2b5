namespace Fathom.Collectors.Probes;

/// <summary>A probe that failed for a reason already worded for the failure event.</summary>
internal sealed class ProbeException : Exception
{
    public ProbeException(string reason)
        : base(reason)
    {
    }

    public ProbeException(string reason, Exception inner)
        : base(reason, inner)
    {
    }

    public ProbeException()
        : base("probe failed")
    {
    }
}
