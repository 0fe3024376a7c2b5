using System.Buffers.Binary;
using System.Text;
using Fathom.Core.Instrumentation;

namespace Fathom.Pcp.Mmv;

/// <summary>
/// One parse of an MMV file image. Every offset and count is checked against the file and the
/// section it must point into before use, so damage is reported as <see cref="MmvFormatException"/>.
/// </summary>
internal sealed class MmvParser(byte[] data, string path)
{
    private readonly Dictionary<int, Section> _sections = [];
    private readonly Dictionary<long, MetricInstance> _instances = [];
    private readonly Dictionary<long, long> _instanceIndom = [];
    private readonly Dictionary<long, MmvInstanceDomain> _indomsByOffset = [];
    private readonly Dictionary<uint, (MmvInstanceDomain Domain, long Offset)> _indomsBySerial = [];
    private int _version;

    public MmvFile Parse()
    {
        if (data.Length < MmvFormat.HeaderSize)
        {
            throw Bad($"truncated: {data.Length} bytes, less than the {MmvFormat.HeaderSize}-byte header");
        }

        var magic = U32(MmvFormat.MagicOffset);
        if (magic != MmvFormat.Magic)
        {
            throw Bad($"bad magic 0x{magic:x8}, not an MMV file (expected \"MMV\\0\")");
        }

        _version = I32(MmvFormat.VersionOffset);
        if (_version is < MmvFormat.Version1 or > MmvFormat.Version3)
        {
            throw Bad($"unsupported MMV version {_version} (1, 2 and 3 are known)");
        }

        var g1 = U64(MmvFormat.Generation1Offset);
        var g2 = U64(MmvFormat.Generation2Offset);
        if (g1 != g2)
        {
            throw Bad($"generation numbers differ ({g1} and {g2}): the file is being written or is damaged");
        }

        var cluster = I32(MmvFormat.ClusterOffset);
        if (cluster is < 0 or > MmvFormat.MaxCluster)
        {
            throw Bad($"cluster {cluster} is outside 0..{MmvFormat.MaxCluster}");
        }

        ReadToc();
        ReadIndoms();
        var metrics = ReadMetrics();
        ReadValues(metrics);
        var labels = ReadLabels();

        return new MmvFile(
            path,
            _version,
            g1,
            (MmvFlags)I32(MmvFormat.FlagsOffset),
            I32(MmvFormat.ProcessOffset),
            cluster,
            [.. metrics.OrderBy(p => p.Key).Select(p => p.Value.Build())],
            [.. _indomsByOffset.OrderBy(p => p.Key).Select(p => p.Value)],
            labels);
    }

    private MmvFormatException Bad(string problem) => new(path, problem);

    private int InstanceSize => _version == MmvFormat.Version1 ? MmvFormat.Instance1Size : MmvFormat.Instance2Size;

    private int MetricSize => _version == MmvFormat.Version1 ? MmvFormat.Metric1Size : MmvFormat.Metric2Size;

    private void ReadToc()
    {
        var tocs = I32(MmvFormat.TocCountOffset);
        if (tocs is < 2 or > 6)
        {
            throw Bad($"TOC count {tocs} is outside 2..6 (one entry per section type)");
        }

        var headerEnd = MmvFormat.HeaderSize + (tocs * MmvFormat.TocSize);
        if (data.Length < headerEnd)
        {
            throw Bad($"truncated: {data.Length} bytes, less than the {headerEnd} bytes of header and {tocs} TOC entries");
        }

        for (var i = 0; i < tocs; i++)
        {
            var at = MmvFormat.HeaderSize + (i * MmvFormat.TocSize);
            var type = I32(at);
            var count = I32(at + 4);
            var offset = U64(at + 8);
            var size = type switch
            {
                MmvFormat.TocIndoms => MmvFormat.IndomSize,
                MmvFormat.TocInstances => InstanceSize,
                MmvFormat.TocMetrics => MetricSize,
                MmvFormat.TocValues => MmvFormat.ValueSize,
                MmvFormat.TocStrings => MmvFormat.StringSize,
                MmvFormat.TocLabels => MmvFormat.LabelSize,
                _ => throw Bad($"TOC[{i}] has unknown section type {type}"),
            };
            if (count < 0)
            {
                throw Bad($"TOC[{i}] ({SectionName(type)}) has a negative entry count {count}");
            }

            if (count > 0 && offset < (ulong)headerEnd)
            {
                throw Bad($"TOC[{i}] ({SectionName(type)}) offset {offset} points into the header");
            }

            var end = offset + ((ulong)count * (ulong)size);
            if (offset > (ulong)data.Length || end > (ulong)data.Length)
            {
                throw Bad($"TOC[{i}] ({SectionName(type)}): {count} entries at offset {offset} end at {end}, beyond the file's {data.Length} bytes");
            }

            if (!_sections.TryAdd(type, new Section((long)offset, count, size)))
            {
                throw Bad($"TOC[{i}] repeats the {SectionName(type)} section");
            }
        }

        foreach (var required in (int[])[MmvFormat.TocMetrics, MmvFormat.TocValues])
        {
            if (!_sections.ContainsKey(required))
            {
                throw Bad($"no {SectionName(required)} section in the TOC");
            }
        }
    }

    private void ReadIndoms()
    {
        if (_sections.TryGetValue(MmvFormat.TocInstances, out var instances))
        {
            for (var i = 0; i < instances.Count; i++)
            {
                var at = instances.Entry(i);
                var id = I32((int)at + 12);
                var name = _version == MmvFormat.Version1
                    ? Field((int)at + 16, MmvFormat.NameMax, $"instance[{i}] name")
                    : RequiredString(U64((int)at + 16), $"instance[{i}] name");
                _instances[at] = new MetricInstance(id, name);
                _instanceIndom[at] = (long)Math.Min(U64((int)at), long.MaxValue);
            }
        }

        if (!_sections.TryGetValue(MmvFormat.TocIndoms, out var indoms))
        {
            return;
        }

        for (var n = 0; n < indoms.Count; n++)
        {
            var at = (int)indoms.Entry(n);
            var serial = U32(at);
            var count = U32(at + 4);
            var first = U64(at + 8);
            var list = new List<MetricInstance>();
            for (var i = 0UL; i < count; i++)
            {
                var offset = first + (i * (ulong)InstanceSize);
                if (count > (uint)_instances.Count || offset > long.MaxValue || !_instances.TryGetValue((long)offset, out var instance))
                {
                    throw Bad($"indom {serial}: {count} instances at offset {first} are not all entries of the instances section");
                }

                list.Add(instance);
            }

            var domain = new MmvInstanceDomain(serial, list, OptionalString(U64(at + 16), $"indom {serial} short help"), OptionalString(U64(at + 24), $"indom {serial} help"));
            if (!_indomsBySerial.TryAdd(serial, (domain, at)))
            {
                throw Bad($"indom serial {serial} appears twice");
            }

            _indomsByOffset[at] = domain;
        }
    }

    private Dictionary<long, PartialMetric> ReadMetrics()
    {
        var section = _sections[MmvFormat.TocMetrics];
        var metrics = new Dictionary<long, PartialMetric>();
        for (var n = 0; n < section.Count; n++)
        {
            var at = (int)section.Entry(n);
            string name;
            if (_version == MmvFormat.Version1)
            {
                name = Field(at, MmvFormat.NameMax, $"metric[{n}] name");
                at += MmvFormat.NameMax - 8;
            }
            else
            {
                name = RequiredString(U64(at), $"metric[{n}] name");
            }

            var item = U32(at + 8);
            var type = I32(at + 12);
            if (!Enum.IsDefined((MmvMetricType)type))
            {
                throw Bad($"metric {name}: unknown type {type}");
            }

            var semantics = I32(at + 16);
            if (!Enum.IsDefined((MetricSemantics)semantics))
            {
                throw Bad($"metric {name}: unknown semantics {semantics}");
            }

            var units = MetricUnits.FromPacked(U32(at + 20));
            var serial = U32(at + 24);
            MmvInstanceDomain? indom = null;
            long indomOffset = -1;
            if (serial is not 0 and not MmvFormat.IndomNull)
            {
                if (!_indomsBySerial.TryGetValue(serial, out var found))
                {
                    throw Bad($"metric {name}: instance domain {serial} is not in the file");
                }

                (indom, indomOffset) = found;
            }

            var shortHelp = OptionalString(U64(at + 32), $"metric {name} short help");
            var longHelp = OptionalString(U64(at + 40), $"metric {name} help");
            metrics[section.Entry(n)] = new PartialMetric(name, item, (MmvMetricType)type, (MetricSemantics)semantics, units, indom, indomOffset, shortHelp, longHelp);
        }

        return metrics;
    }

    private void ReadValues(Dictionary<long, PartialMetric> metrics)
    {
        var section = _sections[MmvFormat.TocValues];
        for (var n = 0; n < section.Count; n++)
        {
            var at = (int)section.Entry(n);
            var metricOffset = U64(at + 16);
            if (metricOffset > long.MaxValue || !metrics.TryGetValue((long)metricOffset, out var metric))
            {
                throw Bad($"value[{n}]: metric offset {metricOffset} is not an entry of the metrics section");
            }

            MetricInstance? instance = null;
            if (metric.Indom is not null)
            {
                var instanceOffset = U64(at + 24);
                if (instanceOffset > long.MaxValue || !_instances.TryGetValue((long)instanceOffset, out var found))
                {
                    throw Bad($"value[{n}] of {metric.Name}: instance offset {instanceOffset} is not an entry of the instances section");
                }

                if (_instanceIndom[(long)instanceOffset] != metric.IndomOffset)
                {
                    throw Bad($"value[{n}] of {metric.Name}: instance {found.Id} is not in instance domain {metric.Indom.Serial}");
                }

                instance = found;
            }

            metric.Values.Add(new MmvValue(instance, Decode(at, metric)));
        }
    }

    private object Decode(int at, PartialMetric metric) => metric.Type switch
    {
        MmvMetricType.I32 => I32(at),
        MmvMetricType.U32 => U32(at),
        MmvMetricType.I64 => I64(at),
        MmvMetricType.U64 => U64(at),
        MmvMetricType.Float => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(at)),
        MmvMetricType.Double => BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(at)),
        MmvMetricType.String => RequiredString(U64(at + 8), $"string value of {metric.Name}"),
        _ => Elapsed(I64(at), I64(at + 8)),
    };

    /// <summary>An elapsed-time counter; a negative extra is the negated start (µs) of an interval still running.</summary>
    private static long Elapsed(long value, long extra) =>
        extra < 0 ? value + ((TimeProvider.System.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / 10) + extra : value;

    private List<MmvLabel> ReadLabels()
    {
        var labels = new List<MmvLabel>();
        if (_sections.TryGetValue(MmvFormat.TocLabels, out var section))
        {
            for (var n = 0; n < section.Count; n++)
            {
                var at = (int)section.Entry(n);
                labels.Add(new MmvLabel(U32(at), U32(at + 4), I32(at + 8), Field(at + 12, MmvFormat.LabelMax, $"label[{n}]")));
            }
        }

        return labels;
    }

    private string RequiredString(ulong offset, string what) =>
        offset == 0 ? throw Bad($"{what}: string offset is 0") : OptionalString(offset, what);

    /// <summary>A string section entry; offset 0 means "none" and gives an empty string.</summary>
    private string OptionalString(ulong offset, string what)
    {
        if (offset == 0)
        {
            return string.Empty;
        }

        if (!_sections.TryGetValue(MmvFormat.TocStrings, out var strings))
        {
            throw Bad($"{what}: string offset {offset} but the file has no strings section");
        }

        if (offset < (ulong)strings.Offset || offset + MmvFormat.StringSize > (ulong)strings.End)
        {
            throw Bad($"{what}: string offset {offset} is outside the strings section ({strings.Offset}..{strings.End})");
        }

        return Field((int)offset, MmvFormat.StringSize, what);
    }

    /// <summary>A NUL-terminated UTF-8 string in a fixed-size field.</summary>
    private string Field(int at, int size, string what)
    {
        var field = data.AsSpan(at, size);
        var end = field.IndexOf((byte)0);
        return end < 0 ? throw Bad($"{what} is not NUL-terminated within {size} bytes") : Encoding.UTF8.GetString(field[..end]);
    }

    private static string SectionName(int type) => type switch
    {
        MmvFormat.TocIndoms => "indoms",
        MmvFormat.TocInstances => "instances",
        MmvFormat.TocMetrics => "metrics",
        MmvFormat.TocValues => "values",
        MmvFormat.TocStrings => "strings",
        MmvFormat.TocLabels => "labels",
        _ => $"type {type}",
    };

    private int I32(int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));

    private long I64(int at) => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(at));

    private ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at));

    /// <summary>A TOC entry, checked to lie inside the file.</summary>
    private readonly record struct Section(long Offset, int Count, int Size)
    {
        public long End => Offset + ((long)Count * Size);

        public long Entry(int index) => Offset + ((long)index * Size);
    }

    /// <summary>A metric whose values are still being collected.</summary>
    private sealed record PartialMetric(string Name, uint Item, MmvMetricType Type, MetricSemantics Semantics, MetricUnits Units, MmvInstanceDomain? Indom, long IndomOffset, string ShortHelp, string LongHelp)
    {
        public List<MmvValue> Values { get; } = [];

        public MmvMetric Build() => new(Name, Item, Type, Semantics, Units, Indom, ShortHelp, LongHelp, Values);
    }
}
