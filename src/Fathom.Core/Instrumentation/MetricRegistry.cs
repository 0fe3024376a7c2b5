namespace Fathom.Core.Instrumentation;

/// <summary>
/// A named set of metrics (PCP's mmv_registry): "fathom" gives fathom.mem.datasz and so on.
/// Metrics and instance domains are added before writers start; the <see cref="Layout"/> number
/// changes whenever the set changes, so a writer (the MMV file) knows to rebuild.
/// </summary>
public sealed class MetricRegistry(string name)
{
    private readonly object _gate = new();
    private readonly List<Metric> _metrics = [];
    private readonly List<InstanceDomain> _indoms = [];
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);
    private int _layout;
    private int _nextIndom;

    public string Name { get; } = name;

    public int Layout => Volatile.Read(ref _layout);

    public IReadOnlyList<Metric> Metrics
    {
        get
        {
            lock (_gate)
            {
                return [.. _metrics];
            }
        }
    }

    public IReadOnlyList<InstanceDomain> InstanceDomains
    {
        get
        {
            lock (_gate)
            {
                return [.. _indoms];
            }
        }
    }

    /// <summary>Adds an instance domain; <c>label</c> names an instance in /metrics (e.g. "collector").</summary>
    public InstanceDomain AddInstanceDomain(IReadOnlyList<MetricInstance> instances, string shortHelp, string longHelp, string label = InstanceDomain.DefaultLabel)
    {
        lock (_gate)
        {
            var indom = new InstanceDomain(++_nextIndom, instances, shortHelp, longHelp, label);
            _indoms.Add(indom);
            Interlocked.Increment(ref _layout);
            return indom;
        }
    }

    /// <summary>
    /// Adds a metric. Its item number is fixed for its name for the registry's life (re-adding a
    /// removed metric gets its old number back), so readers' identifiers stay stable.
    /// A duplicate name is an error.
    /// </summary>
    public Metric Add(string name, MetricType type, MetricSemantics semantics, MetricUnits units, string shortHelp, string longHelp, InstanceDomain? indom = null)
    {
        lock (_gate)
        {
            if (_metrics.Exists(m => m.Name == name))
            {
                throw new InvalidOperationException($"metric {Name}.{name} is already registered");
            }

            if (!_items.TryGetValue(name, out var item))
            {
                item = _items.Count + 1;
                _items[name] = item;
            }

            var metric = new Metric(name, item, type, semantics, units, indom, shortHelp, longHelp);
            _metrics.Add(metric);
            Interlocked.Increment(ref _layout);
            return metric;
        }
    }

    /// <summary>Removes metrics and domains (e.g. per-collector metrics before a reload re-adds them).</summary>
    public void Remove(Func<Metric, bool> which)
    {
        lock (_gate)
        {
            if (_metrics.RemoveAll(m => which(m)) > 0)
            {
                _indoms.RemoveAll(d => !_metrics.Exists(m => m.Indom == d));
                Interlocked.Increment(ref _layout);
            }
        }
    }

    public Metric? Find(string name)
    {
        lock (_gate)
        {
            return _metrics.Find(m => m.Name == name);
        }
    }
}
