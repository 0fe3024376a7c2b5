namespace Fathom.Collectors.Status;

/// <summary>What one agent contributed to a poll: a state for each kind it reports (null for the other), and why it failed.</summary>
internal readonly record struct AgentReading(OperState? Oper, AdminState? Admin, string? Failure = null)
{
    /// <summary>A failed agent contributes unknown to every kind it reports.</summary>
    public static AgentReading Failed(StatusKinds kinds, string reason) => new(
        kinds.HasFlag(StatusKinds.Oper) ? OperState.Unknown : null,
        kinds.HasFlag(StatusKinds.Admin) ? AdminState.Unknown : null,
        reason);
}
