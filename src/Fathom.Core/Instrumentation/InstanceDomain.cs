namespace Fathom.Core.Instrumentation;

/// <summary>A set of instances (e.g. one per collector) that metrics can be broken down by.</summary>
public sealed class InstanceDomain(int serial, IReadOnlyList<MetricInstance> instances, string shortHelp, string longHelp, string label = InstanceDomain.DefaultLabel)
{
    /// <summary>The label when none is given ("instance" is Prometheus' own target label).</summary>
    public const string DefaultLabel = "pcp_instance";

    /// <summary>Unique within the registry, > 0.</summary>
    public int Serial { get; } = serial;

    public IReadOnlyList<MetricInstance> Instances { get; } = instances;

    public string ShortHelp { get; } = shortHelp;

    public string LongHelp { get; } = longHelp;

    /// <summary>What an instance is called where metrics carry labels (/metrics): e.g. "collector".</summary>
    public string Label { get; } = label;
}

/// <summary>One instance: an internal id (unique in its domain) and an external name.</summary>
public readonly record struct MetricInstance(int Id, string Name);
