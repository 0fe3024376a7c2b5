using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Host;

/// <summary>host.cpu.* from the deltas of /proc/stat's "cpu" line between runs; the first run only primes.</summary>
internal sealed class CpuReader(string procRoot)
{
    // /proc/stat order: user nice system idle iowait irq softirq steal guest guest_nice.
    private static readonly string[] Names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest"];
    private const int Fields = 10;

    private readonly ProcFile _file = new(Path.Combine(procRoot, "stat"));
    private readonly ulong[] _previous = new ulong[Fields];
    private readonly ulong[] _current = new ulong[Fields];
    private SeriesKey[]? _percent;
    private SeriesKey? _count;
    private bool _primed;

    public void Collect(CollectContext context, long now)
    {
        if (!_file.TryRead(context.ReportProblem, out var content))
        {
            return;
        }

        var cpus = 0;
        var found = false;
        var lineNumber = 0;
        while (SpanText.NextLine(ref content, out var line))
        {
            lineNumber++;
            if (!line.StartsWith("cpu"u8))
            {
                continue;
            }

            if (line.Length > 3 && char.IsAsciiDigit((char)line[3]))
            {
                cpus++;
                continue;
            }

            var rest = line[3..];
            _current.AsSpan().Clear();
            for (var i = 0; i < Fields; i++)
            {
                var token = SpanText.NextToken(ref rest);
                // Older kernels have fewer columns; missing ones stay zero.
                if (token.IsEmpty && i >= 4)
                {
                    break;
                }

                if (!SpanText.TryParseUInt64(token, out _current[i]))
                {
                    context.ReportProblem($"{_file.Path} line {lineNumber}: malformed cpu line");
                    return;
                }
            }

            found = true;
        }

        _count ??= context.Series("host.cpu.count", Units.Count);
        context.Emit(_count, cpus, now);
        if (!found)
        {
            context.ReportProblem($"{_file.Path}: no cpu line");
            return;
        }

        EmitPercentages(context, now);
    }

    private void EmitPercentages(CollectContext context, long now)
    {
        // guest and guest_nice are already counted in user and nice.
        ulong total = 0, previousTotal = 0;
        var wrapped = false;
        for (var i = 0; i < 8; i++)
        {
            total += _current[i];
            previousTotal += _previous[i];
            wrapped |= _current[i] < _previous[i];
        }

        wrapped |= _current[8] < _previous[8];
        var elapsed = total - previousTotal;
        var emit = _primed && !wrapped && total > previousTotal;
        if (emit)
        {
            _percent ??= Array.ConvertAll(Names, n => context.Series("host.cpu." + n, Units.Percent));
            for (var i = 0; i < Names.Length; i++)
            {
                context.Emit(_percent[i], 100.0 * (_current[i] - _previous[i]) / elapsed, now);
            }
        }

        // Keep the old baseline when no tick passed, so the next run measures a real interval.
        if (!_primed || wrapped || total > previousTotal)
        {
            _current.CopyTo(_previous, 0);
            _primed = true;
        }
    }
}
