using Fathom.Core.Collectors;

namespace Fathom.Collectors.Status;

/// <summary>One &lt;agent&gt; of an element: reads the kinds of status it reports; a failure is a reading with a reason, never an exception.</summary>
internal interface IStatusAgent
{
    /// <summary>Names the agent in logs: its type, where it is written, and its element.</summary>
    string Name { get; }

    StatusKinds Kinds { get; }

    /// <summary>Throws only when <paramref name="cancellationToken"/> (the run's) is cancelled.</summary>
    Task<AgentReading> ReadAsync(CollectContext context, CancellationToken cancellationToken);
}
