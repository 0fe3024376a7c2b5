using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Host;

/// <summary>host.net.* counters per interface from /proc/net/dev.</summary>
internal sealed class NetDevReader
{
    // Columns of /proc/net/dev: 8 receive, then 8 transmit; we keep bytes, packets, errs, drop of each.
    private static readonly string[] Names = ["rx_bytes", "rx_packets", "rx_errors", "rx_drops", "tx_bytes", "tx_packets", "tx_errors", "tx_drops"];
    private static readonly string[] SeriesUnits = [Units.Bytes, Units.Count, Units.Count, Units.Count, Units.Bytes, Units.Count, Units.Count, Units.Count];
    private static readonly int[] Columns = [0, 1, 2, 3, 8, 9, 10, 11];

    private readonly ProcFile _file;
    private readonly NameFilter _filter;
    private readonly NamedCache<Entry> _cache;
    private readonly ulong[] _values = new ulong[16];

    public NetDevReader(string procRoot, NameFilter filter)
    {
        _file = new(Path.Combine(procRoot, "net", "dev"));
        _filter = filter;
        _cache = new(name => new Entry(name, _filter.Includes(name)));
    }

    public void Collect(CollectContext context, long now)
    {
        if (!_file.TryRead(context.ReportProblem, out var content))
        {
            return;
        }

        _cache.BeginRun();
        Span<char> chars = stackalloc char[64];
        var lineNumber = 0;
        while (SpanText.NextLine(ref content, out var line))
        {
            lineNumber++;
            if (lineNumber <= 2 || line.IsEmpty)
            {
                continue; // two header lines
            }

            var colon = line.IndexOf((byte)':');
            var rest = colon < 0 ? default : line[(colon + 1)..];
            var name = colon < 0 ? default : line[..colon].Trim(" \t"u8);
            if (name.IsEmpty || !SpanText.TryParseFields(ref rest, _values))
            {
                context.ReportProblem($"{_file.Path} line {lineNumber}: malformed interface line");
                continue;
            }

            var entry = _cache.Get(SpanText.ToChars(name, chars));
            if (!entry.Included)
            {
                continue;
            }

            entry.Series ??= Build(context, entry.Name);
            for (var i = 0; i < Names.Length; i++)
            {
                context.Emit(entry.Series[i], _values[Columns[i]], now);
            }
        }

        _cache.EndRun();
    }

    private static SeriesKey[] Build(CollectContext context, string name)
    {
        var series = new SeriesKey[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            series[i] = context.Series("host.net." + Names[i], SeriesUnits[i], new KeyValuePair<string, string>("interface", name));
        }

        return series;
    }

    private sealed class Entry(string name, bool included) : CachedEntry(name)
    {
        public bool Included { get; } = included;

        public SeriesKey[]? Series { get; set; }
    }
}
