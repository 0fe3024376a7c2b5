using System.Globalization;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>fathom series: every stored series with its point count and first and last time.</summary>
internal sealed class SeriesCommand : ICommand
{
    private static readonly OptionSpec NameOption = new("name", "GLOB", "Only series whose name matches (* and ?)");

    public string Name => "series";

    public string Summary => "List stored series with their point counts and time spans";

    public string Usage => "series [--archive FILE | --url URL] [--name GLOB] [--format table|json|csv]";

    public IReadOnlyList<OptionSpec> Options { get; } = [ArchiveArgument.Spec, ArchiveArgument.UrlSpec, NameOption, OutputFormatArgument.Spec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var format = OutputFormatArgument.Parse(arguments.Value("format"));
        IReadOnlyList<SeriesInfo> series;
        using (var reader = ArchiveArgument.Open(arguments, context))
        {
            series = reader.ListSeries(arguments.Value(NameOption.Name));
        }

        var output = context.Console.Out;
        switch (format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(output, json =>
                {
                    json.WriteStartArray();
                    foreach (var s in series)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", s.Key.Name);
                        JsonOutput.WriteTags(json, s.Key.Tags);
                        json.WriteString("unit", s.Key.Unit);
                        json.WriteNumber("points", s.PointCount);
                        WriteTime(json, "first", s.FirstTimeNs);
                        WriteTime(json, "last", s.LastTimeNs);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                break;
            case OutputFormat.Csv:
                var csv = new CsvWriter(output);
                csv.WriteRow("name", "tags", "unit", "points", "first", "last");
                foreach (var s in series)
                {
                    csv.WriteRow(s.Key.Name, ValueText.Tags(s.Key.Tags), s.Key.Unit, Count(s), Time(s.FirstTimeNs, ""), Time(s.LastTimeNs, ""));
                }

                break;
            default:
                var table = new TextTable("NAME", "TAGS", "UNIT", "POINTS", "FIRST", "LAST").AlignRight(3);
                foreach (var s in series)
                {
                    table.Add(s.Key.Name, ValueText.Tags(s.Key.Tags), s.Key.Unit, Count(s), Time(s.FirstTimeNs, "-"), Time(s.LastTimeNs, "-"));
                }

                table.WriteTo(output);
                break;
        }

        return ExitCodes.Ok;
    }

    private static string Count(SeriesInfo s) => s.PointCount.ToString(CultureInfo.InvariantCulture);

    private static string Time(long? ns, string none) => ns is { } t ? Rfc3339.Format(t) : none;

    private static void WriteTime(System.Text.Json.Utf8JsonWriter json, string name, long? ns)
    {
        if (ns is { } t)
        {
            json.WriteString(name, Rfc3339.Format(t));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
