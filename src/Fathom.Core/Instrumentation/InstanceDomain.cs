namespace Fathom.Core.Instrumentation;

/// <summary>A set of instances (e.g. one per collector) that metrics can be broken down by.</summary>
public sealed class InstanceDomain(int serial, IReadOnlyList<MetricInstance> instances, string shortHelp, string longHelp)
{
    /// <summary>Unique within the registry, > 0.</summary>
    public int Serial { get; } = serial;

    public IReadOnlyList<MetricInstance> Instances { get; } = instances;

    public string ShortHelp { get; } = shortHelp;

    public string LongHelp { get; } = longHelp;
}

/// <summary>One instance: an internal id (unique in its domain) and an external name.</summary>
public readonly record struct MetricInstance(int Id, string Name);
