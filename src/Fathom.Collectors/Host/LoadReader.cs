using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Host;

/// <summary>host.load.1|5|15 from /proc/loadavg.</summary>
internal sealed class LoadReader(string procRoot)
{
    private readonly ProcFile _file = new(Path.Combine(procRoot, "loadavg"));
    private SeriesKey[]? _series;

    public void Collect(CollectContext context, long now)
    {
        if (!_file.TryRead(context.ReportProblem, out var content))
        {
            return;
        }

        Span<double> values = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!SpanText.TryParseDouble(SpanText.NextToken(ref content), out values[i]))
            {
                context.ReportProblem($"{_file.Path} line 1: malformed load averages");
                return;
            }
        }

        _series ??= [context.Series("host.load.1", Units.Count), context.Series("host.load.5", Units.Count), context.Series("host.load.15", Units.Count)];
        for (var i = 0; i < 3; i++)
        {
            context.Emit(_series[i], values[i], now);
        }
    }
}
