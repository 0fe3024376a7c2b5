using Fathom.Core.Collectors;

namespace Fathom.Collectors.Status;

/// <summary>A fixed status (perfSONAR's constant agent), checked when the config is read.</summary>
internal sealed class ConstantAgent(string name, StatusKinds kinds, AgentReading value) : IStatusAgent
{
    public string Name { get; } = name;

    public StatusKinds Kinds { get; } = kinds;

    public Task<AgentReading> ReadAsync(CollectContext context, CancellationToken cancellationToken) => Task.FromResult(value);
}
