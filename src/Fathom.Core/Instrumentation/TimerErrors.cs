namespace Fathom.Core.Instrumentation;

/// <summary>The negative error codes of <see cref="TimerRegistry"/>: PCP's, i.e. -errno.</summary>
public static class TimerErrors
{
    public const int Ok = 0;

    /// <summary>No such timer handle (ESRCH).</summary>
    public const int NoSuchTimer = -3;

    /// <summary>Out of handles or memory (ENOMEM).</summary>
    public const int OutOfMemory = -12;

    /// <summary>A null callback, or a second metric registry (EINVAL).</summary>
    public const int InvalidArgument = -22;

    /// <summary>The registry was disposed (ESHUTDOWN).</summary>
    public const int ShutDown = -108;
}
