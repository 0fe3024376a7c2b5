using Fathom.Core.Instrumentation;
using Fathom.Core.Measurements;
using Fathom.Core.Pipeline;

namespace Fathom.Api.Metrics;

/// <summary>
/// Renders /metrics: the daemon's own metrics, the process figures, then the latest value of every
/// collected series. The layout (families, each sample's formatted "name{labels} ") is built only
/// when the registry's layout or the set of series changes; a scrape then only copies prefixes and
/// formats values into one pooled buffer. Scrapes are serialized (the layout is shared).
/// </summary>
internal sealed class MetricsRenderer : IDisposable
{
    private const int ResidentSlot = 0, VirtualSlot = 1, StartSlot = 2, ExposedSlot = 3, SkippedSlot = 4;
    private readonly object _gate = new();
    private readonly MetricRegistry? _registry;
    private readonly LatestValues? _latest;
    private readonly ProcessStatus _process = new();
    private readonly double[] _cells = new double[5];
    private readonly string _prefix;
    private ExpositionFamily[] _families = [];
    private int _registryLayout = int.MinValue;
    private int _latestVersion = int.MinValue;
    private int _lastLength = 64 * 1024;

    public MetricsRenderer(MetricRegistry? registry, LatestValues? latest)
    {
        _registry = registry;
        _latest = latest;
        _prefix = PromNames.MetricName(registry?.Name ?? "fathom");
        _cells[StartSlot] = _process.StartTimeSeconds;
    }

    /// <summary>Renders into a pooled buffer the caller disposes once it is sent.</summary>
    public ExpositionBuffer Render(ExpositionFormat format)
    {
        lock (_gate)
        {
            var registryLayout = _registry?.Layout ?? 0;
            var latestVersion = _latest?.Version ?? 0;
            if (registryLayout != _registryLayout || latestVersion != _latestVersion)
            {
                (_registryLayout, _latestVersion) = (registryLayout, latestVersion);
                _families = BuildLayout();
            }

            (_cells[ResidentSlot], _cells[VirtualSlot]) = _process.Memory();
            var buffer = new ExpositionBuffer(_lastLength + 4096);
            foreach (var family in _families)
            {
                buffer.Write(family.Header(format));
                var counter = family.Shape.Counter;
                foreach (var member in family.Members)
                {
                    var value = member.Read();
                    if (counter && !(value >= 0))
                    {
                        continue; // a counter without a value (NaN) or below zero is no counter sample
                    }

                    buffer.Write(member.Prefix);
                    buffer.WriteValue(value);
                    buffer.Write((byte)'\n');
                }
            }

            if (format == ExpositionFormat.OpenMetrics)
            {
                buffer.Write("# EOF\n"u8);
            }

            _lastLength = buffer.Length;
            return buffer;
        }
    }

    public void Dispose() => _process.Dispose();

    private ExpositionFamily[] BuildLayout()
    {
        var own = new List<FamilyBuilder>();
        foreach (var metric in _registry?.Metrics ?? [])
        {
            if (metric.Type == MetricType.String)
            {
                continue;
            }

            var family = new FamilyBuilder(SelfNaming.Shape(_prefix, metric), SelfNaming.Help(metric));
            for (var i = 0; i < metric.Count; i++)
            {
                family.Add(metric.Indom is { } d ? [new(d.Label, d.Instances[i].Name)] : [], metric, i);
            }

            own.Add(family);
        }

        own.Add(Gauge("process_resident_memory", "bytes", "Resident memory size in bytes.", ResidentSlot));
        own.Add(Gauge("process_virtual_memory", "bytes", "Virtual memory size in bytes.", VirtualSlot));
        own.Add(Gauge("process_start_time", "seconds", "Start time of the process since unix epoch in seconds.", StartSlot));
        own.Add(Gauge(_prefix + "_metrics_series", null, "Collected series exposed here (their latest values)", ExposedSlot));
        own.Add(Gauge(_prefix + "_metrics_skipped_series", null, "Collected series not exposed because their Prometheus name collides with another family of a different type or unit, or with the daemon's own", SkippedSlot));

        // Every name a family's samples or metadata use: a collected series may claim none of them.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in own)
        {
            taken.Add(f.Shape.Name);
            taken.Add(f.Shape.SampleName);
        }

        var collected = new SortedDictionary<string, FamilyBuilder>(StringComparer.Ordinal);
        var skipped = 0;
        var series = _latest?.Snapshot() ?? [];
        Array.Sort(series, static (a, b) => string.CompareOrdinal(a.Key.Canonical, b.Key.Canonical));
        foreach (var (key, cell) in series)
        {
            var shape = SeriesNaming.Shape(key.Name, key.Unit);
            if (!collected.TryGetValue(shape.Name, out var family))
            {
                if (taken.Contains(shape.Name) || taken.Contains(shape.SampleName))
                {
                    skipped++;
                    continue;
                }

                family = new FamilyBuilder(shape, SeriesNaming.Help(key.Name, key.Unit, shape));
                collected.Add(shape.Name, family);
                taken.Add(shape.Name);
                taken.Add(shape.SampleName);
            }
            else if (family.Shape != shape)
            {
                skipped++; // same name, another unit or type: one family has one of each
                continue;
            }

            family.Add(key.Tags, cell);
        }

        var built = new List<ExpositionFamily>(own.Count + collected.Count);
        built.AddRange(own.Select(f => f.Build()));
        var exposed = 0;
        foreach (var f in collected.Values)
        {
            var family = f.Build();
            skipped += f.Duplicates;
            exposed += family.Members.Length;
            built.Add(family);
        }

        _cells[ExposedSlot] = exposed;
        _cells[SkippedSlot] = skipped;
        return [.. built];
    }

    private FamilyBuilder Gauge(string name, string? unit, string help, int slot)
    {
        var family = new FamilyBuilder(MetricShape.Of(name, unit, 1, 1, counter: false), help);
        family.Add([], _cells, slot);
        return family;
    }
}
