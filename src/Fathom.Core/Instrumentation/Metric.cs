namespace Fathom.Core.Instrumentation;

/// <summary>
/// One metric of a <see cref="MetricRegistry"/> and its current values, one per instance (or one
/// without an instance domain). Values are 64-bit cells written atomically, so a writer thread
/// (MMV file, /metrics) always reads a whole value.
/// </summary>
public sealed class Metric
{
    private readonly long[] _cells;
    private readonly string?[]? _strings;

    internal Metric(string name, int item, MetricType type, MetricSemantics semantics, MetricUnits units, InstanceDomain? indom, string shortHelp, string longHelp)
    {
        Name = name;
        Item = item;
        Type = type;
        Semantics = semantics;
        Units = units;
        Indom = indom;
        ShortHelp = shortHelp;
        LongHelp = longHelp;
        var n = indom?.Instances.Count ?? 1;
        _cells = new long[n];
        _strings = type == MetricType.String ? new string?[n] : null;
    }

    /// <summary>The name below the registry's prefix, e.g. "mem.datasz".</summary>
    public string Name { get; }

    /// <summary>Unique item number within the registry (the PMID's item part).</summary>
    public int Item { get; }

    public MetricType Type { get; }

    public MetricSemantics Semantics { get; }

    public MetricUnits Units { get; }

    public InstanceDomain? Indom { get; }

    public string ShortHelp { get; }

    public string LongHelp { get; }

    /// <summary>Number of value cells: the domain's instances, or 1.</summary>
    public int Count => _cells.Length;

    public void Set(long value, int index = 0) => Volatile.Write(ref _cells[index], value);

    public void Set(double value, int index = 0) => Volatile.Write(ref _cells[index], BitConverter.DoubleToInt64Bits(value));

    public void Add(long delta, int index = 0) => Interlocked.Add(ref _cells[index], delta);

    public void SetString(string value, int index = 0) => Volatile.Write(ref _strings![index], value);

    /// <summary>The raw 64-bit cell: an integer, or a double's bits for Float/Double metrics.</summary>
    public long Raw(int index = 0) => Volatile.Read(ref _cells[index]);

    public double AsDouble(int index = 0) => Type is MetricType.Float or MetricType.Double
        ? BitConverter.Int64BitsToDouble(Raw(index))
        : Type == MetricType.U64 ? (ulong)Raw(index) : Raw(index);

    public string? String(int index = 0) => _strings is null ? null : Volatile.Read(ref _strings[index]);
}
