using Fathom.Core.Configuration;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>
/// fathom query: the points of the series with a name (glob) and tags in a time range, raw or in
/// step-wide buckets with an aggregation (read from the summaries that match the step).
/// </summary>
internal sealed class QueryCommand : ICommand
{
    private static readonly OptionSpec NameOption = new("name", "NAME", "Measurement name, or a glob with * and ? (required)");
    private static readonly OptionSpec TagOption = new("tag", "KEY=VALUE", "Only series with this tag; repeat for more", Repeatable: true);
    private static readonly OptionSpec FromOption = new("from", "TIME", "Start, inclusive: RFC 3339, now, or -15s/-30m/-1h/-2d/-1w (default -1h)");
    private static readonly OptionSpec ToOption = new("to", "TIME", "End, inclusive (default now)");
    private static readonly OptionSpec StepOption = new("step", "DURATION", "Aggregate into buckets this wide (e.g. 1m, 5m, 1h, 1d), aligned to the epoch (UTC days)");
    private static readonly OptionSpec AggregationOption = new("agg", "FUNCTION", $"With --step: {Aggregations.Names} (default avg)");

    public string Name => "query";

    public string Summary => "Print the points of a measurement in a time range";

    public string Usage => "query --name NAME [--tag KEY=VALUE]... [--from TIME] [--to TIME] [--step DURATION [--agg FUNCTION]] [--archive FILE | --url URL] [--format table|json|csv]";

    public IReadOnlyList<OptionSpec> Options { get; } =
        [NameOption, TagOption, FromOption, ToOption, StepOption, AggregationOption, ArchiveArgument.Spec, ArchiveArgument.UrlSpec, OutputFormatArgument.Spec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var name = arguments.Value(NameOption.Name);
        if (string.IsNullOrEmpty(name))
        {
            throw new UsageException("query needs --name NAME; see 'fathom series' for the names");
        }

        var tags = arguments.Values(TagOption.Name).Select(TagArgument.Parse).ToArray();
        var from = TimeArgument.Parse(FromOption.Name, arguments.Value(FromOption.Name) ?? "-1h", context.Time);
        var to = TimeArgument.Parse(ToOption.Name, arguments.Value(ToOption.Name) ?? "now", context.Time);
        if (from > to)
        {
            throw new UsageException($"--from ({Rfc3339.Format(from)}) is after --to ({Rfc3339.Format(to)})");
        }

        var (step, aggregation) = ParseStep(arguments);
        var format = OutputFormatArgument.Parse(arguments.Value("format"));
        IReadOnlyList<SeriesPoints> result;
        IReadOnlyList<string> problems;
        using (var reader = ArchiveArgument.Open(arguments, context))
        {
            result = step is { } s ? reader.Query(name, tags, from, to, s, aggregation) : reader.Query(name, tags, from, to);
            problems = reader.LastQueryProblems;
        }

        if (step is not null && aggregation == Aggregation.Count)
        {
            // A count of points is a count, whatever the series measures.
            result = [.. result.Select(r => r with { Key = new SeriesKey(r.Key.Name, Units.Count, r.Key.Tags) })];
        }

        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(context.Console.Out, result);
                break;
            case OutputFormat.Csv:
                WriteCsv(context.Console.Out, result);
                break;
            default:
                WriteTable(context.Console.Out, result);
                break;
        }

        // What is readable is printed; each unreadable block is named, and the exit code says the answer is partial.
        foreach (var problem in problems)
        {
            context.Console.Error.WriteLine($"fathom: {problem}; its points are left out");
        }

        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static (long? StepNs, Aggregation Aggregation) ParseStep(ParsedArguments arguments)
    {
        var stepText = arguments.Value(StepOption.Name);
        var aggregationText = arguments.Value(AggregationOption.Name);
        if (stepText is null)
        {
            return aggregationText is null
                ? (null, Aggregation.Avg)
                : throw new UsageException("--agg needs --step: the width of the buckets to aggregate (e.g. --step 1h)");
        }

        if (!ValueParsers.TryParseDuration(stepText, out var step) || step < TimeSpan.FromMilliseconds(1))
        {
            throw new UsageException($"--step: '{stepText}' is not a duration of at least 1ms (e.g. 30s, 5m, 1h, 1d)");
        }

        var aggregation = Aggregation.Avg;
        if (aggregationText is not null && !Aggregations.TryParse(aggregationText, out aggregation))
        {
            throw new UsageException($"--agg: unknown aggregation '{aggregationText}' (known: {Aggregations.Names})");
        }

        return (step.Ticks * 100, aggregation);
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<SeriesPoints> result) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartArray();
            foreach (var series in result)
            {
                json.WriteStartObject();
                json.WriteString("name", series.Key.Name);
                JsonOutput.WriteTags(json, series.Key.Tags);
                json.WriteString("unit", series.Key.Unit);
                json.WriteStartArray("points");
                foreach (var point in series.Points)
                {
                    json.WriteStartObject();
                    json.WriteString("time", Rfc3339.Format(point.TimeNs));
                    JsonOutput.WriteNumber(json, "value", point.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    private static void WriteCsv(TextWriter output, IReadOnlyList<SeriesPoints> result)
    {
        var csv = new CsvWriter(output);
        csv.WriteRow("time", "name", "tags", "unit", "value");
        foreach (var (series, point) in ByTime(result))
        {
            csv.WriteRow(Rfc3339.Format(point.TimeNs), series.Key.Name, ValueText.Tags(series.Key.Tags), series.Key.Unit, ValueText.Number(point.Value));
        }
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<SeriesPoints> result)
    {
        var table = new TextTable("TIME", "SERIES", "VALUE").AlignRight(2);
        foreach (var (series, point) in ByTime(result))
        {
            var value = ValueText.Number(point.Value);
            table.Add(Rfc3339.Format(point.TimeNs), series.Key.Canonical, series.Key.Unit.Length == 0 ? value : $"{value} {series.Key.Unit}");
        }

        table.WriteTo(output);
    }

    // Table and CSV read as one timeline; series order (by canonical text) breaks ties.
    private static IEnumerable<(SeriesPoints Series, TimePoint Point)> ByTime(IReadOnlyList<SeriesPoints> result) =>
        result.SelectMany((series, index) => series.Points.Select(point => (series, point, index)))
            .OrderBy(x => x.point.TimeNs)
            .ThenBy(x => x.index)
            .Select(x => (x.series, x.point));
}
