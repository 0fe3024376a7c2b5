namespace Fathom.Core.Collectors;

/// <summary>Where a collector runs.</summary>
public enum IsolationMode
{
    /// <summary>Inside the daemon, on the thread pool.</summary>
    Thread,

    /// <summary>In a child fathomd process that streams its measurements to the daemon.</summary>
    Process,
}
