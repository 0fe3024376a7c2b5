using System.Text;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Script;

/// <summary>Turns a script's stdout lines into measurements (influx or status format); bad lines become problems.</summary>
internal sealed class ScriptOutput(bool statusFormat, string element)
{
    private const int MaxCachedSeries = 10_000;

    private readonly Dictionary<string, SeriesKey> _series = new(StringComparer.Ordinal);
    private readonly StringBuilder _key = new();

    public void Handle(CollectContext context, string line, int number)
    {
        var text = line.AsSpan().Trim();
        if (text.IsEmpty || text[0] == '#')
        {
            return;
        }

        if (statusFormat)
        {
            if (!StatusParser.TryParse(line, out var time, out var oper, out var admin, out var error))
            {
                context.ReportProblem($"collector {context.CollectorId}: line {number}: {error}");
                return;
            }

            context.EmitStatus(element, oper, admin, time);
            return;
        }

        if (!InfluxParser.TryParse(line.Trim(), out var point, out var problem))
        {
            context.ReportProblem($"collector {context.CollectorId}: line {number}: {problem}: {Shorten(line)}");
            return;
        }

        var at = point!.TimeUnixNs ?? context.SampleTimeUnixNs();
        foreach (var (field, value) in point.Fields)
        {
            if (!value.IsNumber)
            {
                context.ReportProblem($"collector {context.CollectorId}: line {number}: field '{field}' is a string, not a number; skipped");
                continue;
            }

            context.Emit(Series(context, point, field), value.Number, at);
        }
    }

    private SeriesKey Series(CollectContext context, InfluxPoint point, string field)
    {
        _key.Clear().Append(point.Measurement).Append('.').Append(field);
        foreach (var (k, v) in point.Tags)
        {
            _key.Append('\0').Append(k).Append('=').Append(v);
        }

        var key = _key.ToString();
        if (!_series.TryGetValue(key, out var series))
        {
            // A script that puts a counter or time in a tag would grow this forever.
            if (_series.Count >= MaxCachedSeries)
            {
                _series.Clear();
            }

            series = context.Series(point.Measurement + "." + field, "", [.. point.Tags]);
            _series[key] = series;
        }

        return series;
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "...";
}
