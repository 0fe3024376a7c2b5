using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Host;

/// <summary>
/// host.disk.* counters per block device from /proc/diskstats. Without a devices pattern it skips
/// ram*, loop* and devices that never did any I/O (collectd's defaults).
/// </summary>
internal sealed class DiskStatsReader
{
    private const double SectorBytes = 512;
    private static readonly string[] Names = ["reads", "writes", "read_bytes", "write_bytes", "read_time", "write_time", "io_time"];
    private static readonly string[] SeriesUnits = [Units.Count, Units.Count, Units.Bytes, Units.Bytes, Units.Milliseconds, Units.Milliseconds, Units.Milliseconds];

    private readonly ProcFile _file;
    private readonly NameFilter _filter;
    private readonly NamedCache<Entry> _cache;
    private readonly ulong[] _values = new ulong[11];

    public DiskStatsReader(string procRoot, NameFilter filter)
    {
        _file = new(Path.Combine(procRoot, "diskstats"));
        _filter = filter;
        _cache = new(name => new Entry(name, Include(name, _filter)));
    }

    public void Collect(CollectContext context, long now)
    {
        if (!_file.TryRead(context.ReportProblem, out var content))
        {
            return;
        }

        _cache.BeginRun();
        Span<char> chars = stackalloc char[128];
        Span<double> emitted = stackalloc double[7];
        var lineNumber = 0;
        while (SpanText.NextLine(ref content, out var line))
        {
            lineNumber++;
            var rest = line;
            SpanText.NextToken(ref rest); // major
            SpanText.NextToken(ref rest); // minor
            var name = SpanText.NextToken(ref rest);
            // reads merged sectors ms, writes merged sectors ms, in-flight, io_ms (kernels add more columns).
            if (name.IsEmpty || !SpanText.TryParseFields(ref rest, _values))
            {
                if (!line.Trim(" \t"u8).IsEmpty)
                {
                    context.ReportProblem($"{_file.Path} line {lineNumber}: malformed device line");
                }

                continue;
            }

            var entry = _cache.Get(SpanText.ToChars(name, chars));
            if (!entry.Included || (_filter.IsEmpty && _values[0] == 0 && _values[4] == 0))
            {
                continue;
            }

            emitted[0] = _values[0];
            emitted[1] = _values[4];
            emitted[2] = _values[2] * SectorBytes;
            emitted[3] = _values[6] * SectorBytes;
            emitted[4] = _values[3];
            emitted[5] = _values[7];
            emitted[6] = _values[9];
            entry.Series ??= Build(context, entry.Name);
            for (var i = 0; i < emitted.Length; i++)
            {
                context.Emit(entry.Series[i], emitted[i], now);
            }
        }

        _cache.EndRun();
    }

    // Explicit patterns decide alone; by default ram* and loop* are left out.
    private static bool Include(string name, NameFilter filter) => filter.IsEmpty
        ? !name.StartsWith("ram", StringComparison.Ordinal) && !name.StartsWith("loop", StringComparison.Ordinal)
        : filter.Includes(name);

    private static SeriesKey[] Build(CollectContext context, string name)
    {
        var series = new SeriesKey[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            series[i] = context.Series("host.disk." + Names[i], SeriesUnits[i], new KeyValuePair<string, string>("device", name));
        }

        return series;
    }

    private sealed class Entry(string name, bool included) : CachedEntry(name)
    {
        public bool Included { get; } = included;

        public SeriesKey[]? Series { get; set; }
    }
}
