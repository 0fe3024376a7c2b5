namespace Fathom.Child;

/// <summary>Environment names by which fathomd tells a re-executed copy of itself what it is.</summary>
public static class ChildEnvironment
{
    /// <summary>Set in a collector child: the collector's ID (its spec arrives on stdin).</summary>
    public const string CollectorId = "FATHOM_COLLECTOR_CHILD";

    /// <summary>Set in a collector child: the parent's pid, to notice a parent that died before PR_SET_PDEATHSIG took hold.</summary>
    public const string ParentPid = "FATHOM_PARENT_PID";

    /// <summary>Set in the detached daemon: the descriptor on which it reports READY or its start-up error.</summary>
    public const string ReadyFd = "FATHOM_READY_FD";
}
