using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Host;

/// <summary>host.mem.* and host.swap.* (bytes) from /proc/meminfo; used and cached as procps-ng 4 free computes them.</summary>
internal sealed class MemReader(string procRoot)
{
    private enum Field
    {
        MemTotal, MemFree, MemAvailable, Buffers, Cached, SReclaimable, SwapTotal, SwapFree, Count,
    }

    private readonly ProcFile _file = new(Path.Combine(procRoot, "meminfo"));
    private readonly ulong[] _values = new ulong[(int)Field.Count];
    private readonly bool[] _found = new bool[(int)Field.Count];
    private SeriesKey[]? _series;

    public void Collect(CollectContext context, long now)
    {
        if (!_file.TryRead(context.ReportProblem, out var content))
        {
            return;
        }

        Array.Clear(_found);
        var lineNumber = 0;
        while (SpanText.NextLine(ref content, out var line))
        {
            lineNumber++;
            var colon = line.IndexOf((byte)':');
            var field = colon < 0 ? Field.Count : Identify(line[..colon]);
            if (field == Field.Count)
            {
                continue;
            }

            var rest = line[(colon + 1)..];
            if (!SpanText.TryParseUInt64(SpanText.NextToken(ref rest), out var kib))
            {
                context.ReportProblem($"{_file.Path} line {lineNumber}: malformed value");
                continue;
            }

            _values[(int)field] = kib * 1024;
            _found[(int)field] = true;
        }

        _series ??=
        [
            context.Series("host.mem.total", Units.Bytes), context.Series("host.mem.free", Units.Bytes),
            context.Series("host.mem.available", Units.Bytes), context.Series("host.mem.buffers", Units.Bytes),
            context.Series("host.mem.cached", Units.Bytes), context.Series("host.mem.used", Units.Bytes),
            context.Series("host.swap.total", Units.Bytes), context.Series("host.swap.free", Units.Bytes),
            context.Series("host.swap.used", Units.Bytes),
        ];
        if (Has(Field.MemTotal) && Has(Field.MemFree))
        {
            var total = Get(Field.MemTotal);
            context.Emit(_series[0], total, now);
            context.Emit(_series[1], Get(Field.MemFree), now);
            EmitIf(context, Field.MemAvailable, _series[2], now);
            EmitIf(context, Field.Buffers, _series[3], now);
            context.Emit(_series[4], Get(Field.Cached) + Get(Field.SReclaimable), now);
            context.Emit(_series[5], Used(total), now);
        }

        if (Has(Field.SwapTotal) && Has(Field.SwapFree))
        {
            context.Emit(_series[6], Get(Field.SwapTotal), now);
            context.Emit(_series[7], Get(Field.SwapFree), now);
            context.Emit(_series[8], (double)Get(Field.SwapTotal) - Get(Field.SwapFree), now);
        }
    }

    /// <summary>
    /// procps-ng 4's meminfo.c: total − available. Without MemAvailable (kernels before 3.14, or 0),
    /// or with an available above total or a negative result (containers), total − free.
    /// </summary>
    private double Used(ulong total)
    {
        var available = Get(Field.MemAvailable);
        if (available == 0 || available > total)
        {
            available = Get(Field.MemFree);
        }

        var used = (double)total - available;
        return used >= 0 ? used : (double)total - Get(Field.MemFree);
    }

    private bool Has(Field f) => _found[(int)f];

    private ulong Get(Field f) => _found[(int)f] ? _values[(int)f] : 0;

    private void EmitIf(CollectContext context, Field f, SeriesKey series, long now)
    {
        if (Has(f))
        {
            context.Emit(series, Get(f), now);
        }
    }

    private static Field Identify(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("MemTotal"u8) => Field.MemTotal,
        _ when name.SequenceEqual("MemFree"u8) => Field.MemFree,
        _ when name.SequenceEqual("MemAvailable"u8) => Field.MemAvailable,
        _ when name.SequenceEqual("Buffers"u8) => Field.Buffers,
        _ when name.SequenceEqual("Cached"u8) => Field.Cached,
        _ when name.SequenceEqual("SReclaimable"u8) => Field.SReclaimable,
        _ when name.SequenceEqual("SwapTotal"u8) => Field.SwapTotal,
        _ when name.SequenceEqual("SwapFree"u8) => Field.SwapFree,
        _ => Field.Count,
    };
}
