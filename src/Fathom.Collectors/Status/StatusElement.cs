namespace Fathom.Collectors.Status;

/// <summary>One &lt;element&gt;: the ids that share its status, and the agents folded into it.</summary>
internal sealed record StatusElement(IReadOnlyList<string> Ids, IReadOnlyList<IStatusAgent> Agents);
