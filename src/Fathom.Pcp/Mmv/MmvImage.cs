using System.Buffers.Binary;
using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Mmv;

/// <summary>
/// The planned v2 layout of one registry snapshot: header, TOC, indoms, instances, metrics,
/// values, strings (names, help texts, string values). <see cref="WriteMetadata"/> fills
/// everything but the values and leaves generation 2 at zero.
/// </summary>
internal sealed class MmvImage
{
    private readonly List<Metric> _metrics;
    private readonly List<InstanceDomain> _indoms;
    private readonly MmvStrings _strings = new();
    private readonly Dictionary<InstanceDomain, int> _indomOffsets = [];
    private readonly int _tocs;
    private readonly int _indomsOffset;
    private readonly int _instancesOffset;
    private readonly int _instanceCount;
    private readonly int _metricsOffset;
    private readonly int _valuesOffset;

    public MmvImage(IReadOnlyList<Metric> metrics)
    {
        _metrics = [.. metrics];
        foreach (var m in _metrics)
        {
            if (!MmvStrings.Fits(m.Name))
            {
                throw new InvalidOperationException($"metric name '{m.Name}' is longer than the {MmvFormat.StringSize - 1} bytes an MMV string holds");
            }

            if (m.Indom is { } d && d.Instances.Count != m.Count)
            {
                throw new InvalidOperationException($"metric '{m.Name}' has {m.Count} values but its instance domain {d.Serial} has {d.Instances.Count} instances");
            }
        }

        // Only domains some metric uses, by serial, so the file has no orphan domains.
        _indoms = [.. _metrics.Select(m => m.Indom).OfType<InstanceDomain>().Distinct().OrderBy(d => d.Serial)];
        _instanceCount = _indoms.Sum(d => d.Instances.Count);
        var valueCount = _metrics.Sum(m => m.Count);

        _tocs = 3 + (_indoms.Count > 0 ? 1 : 0) + (_instanceCount > 0 ? 1 : 0);
        _indomsOffset = MmvFormat.HeaderSize + (_tocs * MmvFormat.TocSize);
        _instancesOffset = _indomsOffset + (_indoms.Count * MmvFormat.IndomSize);
        _metricsOffset = _instancesOffset + (_instanceCount * MmvFormat.Instance2Size);
        _valuesOffset = _metricsOffset + (_metrics.Count * MmvFormat.Metric2Size);
        _strings.SectionOffset = _valuesOffset + (valueCount * MmvFormat.ValueSize);

        PlanStrings(out var names, out var slots);
        Names = names;
        Slots = slots;
        var size = (long)_strings.SectionOffset + ((long)_strings.Count * MmvFormat.StringSize);
        if (size > int.MaxValue)
        {
            throw new InvalidOperationException($"an MMV file for {_metrics.Count} metrics would be {size} bytes, over 2 GiB");
        }

        Size = (int)size;
    }

    /// <summary>Total file size in bytes.</summary>
    public int Size { get; }

    /// <summary>Every value cell with its offsets, in file order.</summary>
    public MmvValueSlot[] Slots { get; }

    /// <summary>String offsets planned for metric names, instance names and help, keyed by what they name.</summary>
    private PlannedStrings Names { get; }

    public void WriteMetadata(Span<byte> file, ulong generation, MmvFlags flags, int pid, int cluster)
    {
        file[..Size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(file[MmvFormat.MagicOffset..], MmvFormat.Magic);
        BinaryPrimitives.WriteInt32LittleEndian(file[MmvFormat.VersionOffset..], MmvFormat.Version2);
        BinaryPrimitives.WriteUInt64LittleEndian(file[MmvFormat.Generation1Offset..], generation);
        BinaryPrimitives.WriteUInt64LittleEndian(file[MmvFormat.Generation2Offset..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(file[MmvFormat.TocCountOffset..], _tocs);
        BinaryPrimitives.WriteInt32LittleEndian(file[MmvFormat.FlagsOffset..], (int)flags);
        BinaryPrimitives.WriteInt32LittleEndian(file[MmvFormat.ProcessOffset..], pid);
        BinaryPrimitives.WriteInt32LittleEndian(file[MmvFormat.ClusterOffset..], cluster);

        var toc = MmvFormat.HeaderSize;
        if (_indoms.Count > 0)
        {
            WriteToc(file, ref toc, MmvFormat.TocIndoms, _indoms.Count, _indomsOffset);
        }

        if (_instanceCount > 0)
        {
            WriteToc(file, ref toc, MmvFormat.TocInstances, _instanceCount, _instancesOffset);
        }

        WriteToc(file, ref toc, MmvFormat.TocMetrics, _metrics.Count, _metricsOffset);
        WriteToc(file, ref toc, MmvFormat.TocValues, Slots.Length, _valuesOffset);
        WriteToc(file, ref toc, MmvFormat.TocStrings, _strings.Count, _strings.SectionOffset);

        WriteIndoms(file);
        WriteMetrics(file);
        var metricOffsets = new Dictionary<Metric, int>(ReferenceEqualityComparer.Instance);
        for (var n = 0; n < _metrics.Count; n++)
        {
            metricOffsets[_metrics[n]] = _metricsOffset + (n * MmvFormat.Metric2Size);
        }

        foreach (var slot in Slots)
        {
            var value = file[slot.Offset..];
            var metricOffset = metricOffsets[slot.Metric];
            BinaryPrimitives.WriteInt64LittleEndian(value[8..], slot.StringOffset < 0 ? 0 : slot.StringOffset);
            BinaryPrimitives.WriteUInt64LittleEndian(value[16..], (ulong)metricOffset);
            var instance = slot.Metric.Indom is { } d ? _indomOffsets[d] + (slot.Index * MmvFormat.Instance2Size) : 0;
            BinaryPrimitives.WriteUInt64LittleEndian(value[24..], (ulong)instance);
        }

        for (var i = 0; i < _strings.Count; i++)
        {
            MmvStrings.Encode(_strings.Entries[i], file.Slice(_strings.SectionOffset + (i * MmvFormat.StringSize), MmvFormat.StringSize));
        }
    }

    private static void WriteToc(Span<byte> file, ref int at, int type, int count, int offset)
    {
        BinaryPrimitives.WriteInt32LittleEndian(file[at..], type);
        BinaryPrimitives.WriteInt32LittleEndian(file[(at + 4)..], count);
        BinaryPrimitives.WriteUInt64LittleEndian(file[(at + 8)..], (ulong)offset);
        at += MmvFormat.TocSize;
    }

    private void PlanStrings(out PlannedStrings names, out MmvValueSlot[] slots)
    {
        names = new PlannedStrings();
        foreach (var m in _metrics)
        {
            names.MetricName.Add(_strings.Add(m.Name));
        }

        var instance = _instancesOffset;
        foreach (var d in _indoms)
        {
            _indomOffsets[d] = instance;
            instance += d.Instances.Count * MmvFormat.Instance2Size;
            names.InstanceNames.Add([.. d.Instances.Select(i => _strings.Add(i.Name))]);
        }

        var list = new List<MmvValueSlot>();
        var valueOffset = _valuesOffset;
        foreach (var m in _metrics)
        {
            for (var i = 0; i < m.Count; i++, valueOffset += MmvFormat.ValueSize)
            {
                var text = m.Type == MetricType.String ? _strings.Add(string.Empty) : -1;
                list.Add(new MmvValueSlot(m, i, valueOffset, text));
            }
        }

        foreach (var m in _metrics)
        {
            names.MetricHelp.Add((_strings.AddOptional(m.ShortHelp), _strings.AddOptional(m.LongHelp)));
        }

        foreach (var d in _indoms)
        {
            names.IndomHelp.Add((_strings.AddOptional(d.ShortHelp), _strings.AddOptional(d.LongHelp)));
        }

        slots = [.. list];
    }

    private void WriteIndoms(Span<byte> file)
    {
        for (var n = 0; n < _indoms.Count; n++)
        {
            var d = _indoms[n];
            var entry = file[(_indomsOffset + (n * MmvFormat.IndomSize))..];
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)d.Serial);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], (uint)d.Instances.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], d.Instances.Count > 0 ? (ulong)_indomOffsets[d] : 0);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[16..], (ulong)Names.IndomHelp[n].Short);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[24..], (ulong)Names.IndomHelp[n].Long);
            for (var i = 0; i < d.Instances.Count; i++)
            {
                var inst = file[(_indomOffsets[d] + (i * MmvFormat.Instance2Size))..];
                BinaryPrimitives.WriteUInt64LittleEndian(inst, (ulong)(_indomsOffset + (n * MmvFormat.IndomSize)));
                BinaryPrimitives.WriteInt32LittleEndian(inst[12..], d.Instances[i].Id);
                BinaryPrimitives.WriteUInt64LittleEndian(inst[16..], (ulong)Names.InstanceNames[n][i]);
            }
        }
    }

    private void WriteMetrics(Span<byte> file)
    {
        for (var n = 0; n < _metrics.Count; n++)
        {
            var m = _metrics[n];
            var entry = file[(_metricsOffset + (n * MmvFormat.Metric2Size))..];
            BinaryPrimitives.WriteUInt64LittleEndian(entry, (ulong)Names.MetricName[n]);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)m.Item);
            BinaryPrimitives.WriteInt32LittleEndian(entry[12..], (int)m.Type);
            BinaryPrimitives.WriteInt32LittleEndian(entry[16..], (int)m.Semantics);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[20..], m.Units.Packed);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[24..], m.Indom is { } d ? (uint)d.Serial : MmvFormat.IndomNull);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[32..], (ulong)Names.MetricHelp[n].Short);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[40..], (ulong)Names.MetricHelp[n].Long);
        }
    }

    /// <summary>String offsets per metric and per domain, in <see cref="_metrics"/> and <see cref="_indoms"/> order.</summary>
    private sealed class PlannedStrings
    {
        public List<int> MetricName { get; } = [];

        public List<(int Short, int Long)> MetricHelp { get; } = [];

        public List<int[]> InstanceNames { get; } = [];

        public List<(int Short, int Long)> IndomHelp { get; } = [];
    }
}
