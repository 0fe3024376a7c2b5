using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>fathom status: the state ranges (operational, administrative) of elements that overlap a time range.</summary>
internal sealed class StatusCommand : ICommand
{
    private static readonly OptionSpec ElementOption = new("element", "NAME", "Only this element");
    private static readonly OptionSpec FromOption = new("from", "TIME", "Start: RFC 3339, now, or -15s/-30m/-1h/-2d/-1w (default -1h)");
    private static readonly OptionSpec ToOption = new("to", "TIME", "End (default now); ranges overlapping [from, to] are shown");

    public string Name => "status";

    public string Summary => "Print the status ranges (oper, admin) of elements in a time range";

    public string Usage => "status [--element NAME] [--from TIME] [--to TIME] [--archive FILE | --url URL] [--format table|json|csv]";

    public IReadOnlyList<OptionSpec> Options { get; } = [ElementOption, FromOption, ToOption, ArchiveArgument.Spec, ArchiveArgument.UrlSpec, OutputFormatArgument.Spec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var element = arguments.Value(ElementOption.Name);
        if (element is { Length: 0 })
        {
            throw new UsageException("--element: the element name is empty");
        }

        var (from, to) = TimeArgument.ParseRange(arguments, context.Time, "-1h", "now");
        var format = OutputFormatArgument.Parse(arguments.Value(OutputFormatArgument.Spec.Name));
        IReadOnlyList<StatusRange> ranges;
        using (var reader = ArchiveArgument.Open(arguments, context))
        {
            ranges = reader.ListStatus(element, from, to);
        }

        var output = context.Console.Out;
        switch (format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(output, json =>
                {
                    json.WriteStartArray();
                    foreach (var r in ranges)
                    {
                        json.WriteStartObject();
                        json.WriteString("element", r.Element);
                        json.WriteString("start", Rfc3339.Format(r.StartNs));
                        json.WriteString("end", Rfc3339.Format(r.EndNs));
                        json.WriteString("oper", r.Oper);
                        json.WriteString("admin", r.Admin);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                break;
            case OutputFormat.Csv:
                var csv = new CsvWriter(output);
                csv.WriteRow("element", "start", "end", "oper", "admin");
                foreach (var r in ranges)
                {
                    csv.WriteRow(r.Element, Rfc3339.Format(r.StartNs), Rfc3339.Format(r.EndNs), r.Oper, r.Admin ?? "");
                }

                break;
            default:
                var table = new TextTable("ELEMENT", "START", "END", "OPER", "ADMIN");
                foreach (var r in ranges)
                {
                    table.Add(r.Element, Rfc3339.Format(r.StartNs), Rfc3339.Format(r.EndNs), r.Oper, r.Admin ?? "-");
                }

                table.WriteTo(output);
                break;
        }

        return ExitCodes.Ok;
    }
}
