using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>fathom events: structured results (a traceroute path, a failure reason) in a time range.</summary>
internal sealed class EventsCommand : ICommand
{
    private static readonly OptionSpec NameOption = new("name", "NAME", "Only events with this name");
    private static readonly OptionSpec TagOption = new("tag", "KEY=VALUE", "Only events with this tag; repeat for more", Repeatable: true);
    private static readonly OptionSpec FromOption = new("from", "TIME", "Start, inclusive: RFC 3339, now, or -15s/-30m/-1h/-2d/-1w (default -1h)");
    private static readonly OptionSpec ToOption = new("to", "TIME", "End, inclusive (default now)");

    public string Name => "events";

    public string Summary => "Print events (structured results such as a traceroute path) in a time range";

    public string Usage => "events [--name NAME] [--tag KEY=VALUE]... [--from TIME] [--to TIME] [--archive FILE | --url URL] [--format table|json|csv]";

    public IReadOnlyList<OptionSpec> Options { get; } =
        [NameOption, TagOption, FromOption, ToOption, ArchiveArgument.Spec, ArchiveArgument.UrlSpec, OutputFormatArgument.Spec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var name = arguments.Value(NameOption.Name);
        if (name is { Length: 0 })
        {
            throw new UsageException("--name: the event name is empty");
        }

        var tags = arguments.Values(TagOption.Name).Select(TagArgument.Parse).ToArray();
        var (from, to) = TimeArgument.ParseRange(arguments, context.Time, "-1h", "now");
        var format = OutputFormatArgument.Parse(arguments.Value(OutputFormatArgument.Spec.Name));
        IReadOnlyList<EventRecord> events;
        using (var reader = ArchiveArgument.Open(arguments, context))
        {
            events = reader.ListEvents(from, to, name, tags);
        }

        var output = context.Console.Out;
        switch (format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(output, json =>
                {
                    json.WriteStartArray();
                    foreach (var e in events)
                    {
                        json.WriteStartObject();
                        json.WriteString("time", Rfc3339.Format(e.TimeUnixNs));
                        json.WriteString("name", e.Name);
                        JsonOutput.WriteTags(json, e.Tags);
                        EventJson.Write(json, "data", e.Json);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                break;
            case OutputFormat.Csv:
                var csv = new CsvWriter(output);
                csv.WriteRow("time", "name", "tags", "data");
                foreach (var e in events)
                {
                    csv.WriteRow(Rfc3339.Format(e.TimeUnixNs), e.Name, ValueText.Tags(e.Tags), EventJson.Compact(e.Json));
                }

                break;
            default:
                var table = new TextTable("TIME", "NAME", "TAGS", "DATA");
                foreach (var e in events)
                {
                    table.Add(Rfc3339.Format(e.TimeUnixNs), e.Name, ValueText.Tags(e.Tags), EventJson.Compact(e.Json));
                }

                table.WriteTo(output);
                break;
        }

        return ExitCodes.Ok;
    }
}
