using System.Text;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>
/// fathom archive export: every matching series' raw points as InfluxDB line protocol or CSV,
/// read and written one series at a time so a large archive needs little memory.
/// </summary>
internal sealed class ArchiveExportCommand : ICommand
{
    private const int FlushChars = 64 * 1024;

    private static readonly OptionSpec FormatOption = new("format", "influx|csv", "Output format (default influx: InfluxDB line protocol)");
    private static readonly OptionSpec NameOption = new("name", "GLOB", "Only series whose name matches (* and ?)");
    private static readonly OptionSpec FromOption = new("from", "TIME", "Start, inclusive: RFC 3339, now, or -15s/-30m/-1h/-2d/-1w (default: the first point)");
    private static readonly OptionSpec ToOption = new("to", "TIME", "End, inclusive (default: the last point)");
    private static readonly OptionSpec OutputOption = new("output", "FILE", "Write to FILE, replacing it (default standard output)");

    public string Name => "archive export";

    public string Summary => "Export raw points as InfluxDB line protocol or CSV";

    public string Usage => "archive export --archive FILE [--format influx|csv] [--name GLOB] [--from TIME] [--to TIME] [--output FILE]";

    public IReadOnlyList<OptionSpec> Options { get; } =
        [ArchiveArgument.RequiredSpec, FormatOption, NameOption, FromOption, ToOption, OutputOption];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var path = ArchiveArgument.RequiredPath(arguments, Name);
        var influx = arguments.Value(FormatOption.Name) switch
        {
            null or "influx" => true,
            "csv" => false,
            var other => throw new UsageException($"--format: '{other}' is not one of influx, csv"),
        };
        var (from, to) = TimeArgument.ParseRange(arguments, context.Time, null, null);
        var outputPath = arguments.Value(OutputOption.Name);
        if (outputPath is { Length: 0 })
        {
            throw new UsageException("--output: the file name is empty");
        }

        // Open the archive first: a missing one must not leave an empty output file behind.
        using var reader = context.Archives.OpenReader(path);
        var fullOutput = outputPath is null ? null : Path.GetFullPath(outputPath);
        if (fullOutput == reader.Location)
        {
            throw new UsageException("--output: that is the archive itself");
        }

        using var file = fullOutput is null ? null : CreateOutput(fullOutput);
        var export = new Export(file ?? context.Console.Out, influx);
        reader.ForEachSeries(arguments.Value(NameOption.Name), from, to, export.Write);
        export.Flush();
        foreach (var skipped in export.Skipped)
        {
            context.Console.Error.WriteLine($"fathom: skipped series '{skipped.Canonical}': line protocol cannot carry a line break in a name or tag");
        }

        if (fullOutput is not null)
        {
            context.Console.Out.WriteLine($"wrote {export.Points} points of {export.Series} series to {fullOutput}");
        }

        return export.Skipped.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static StreamWriter CreateOutput(string path)
    {
        try
        {
            return new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output: cannot create {path}: {e.Message}", e);
        }
    }

    // Lines gather in one buffer written in large pieces: the console writer flushes on every write.
    private sealed class Export(TextWriter output, bool influx)
    {
        private readonly StringBuilder _buffer = new(FlushChars + 1024);
        private bool _header;

        public List<SeriesKey> Skipped { get; } = [];

        public long Series { get; private set; }

        public long Points { get; private set; }

        public void Write(SeriesKey key, IReadOnlyList<TimePoint> points)
        {
            if (points.Count == 0)
            {
                return;
            }

            if (influx)
            {
                WriteInflux(key, points);
            }
            else
            {
                WriteCsv(key, points);
            }
        }

        public void Flush()
        {
            if (!influx && !_header)
            {
                WriteCsvHeader();
            }

            output.Write(_buffer);
            _buffer.Clear();
            output.Flush();
        }

        private void WriteInflux(SeriesKey key, IReadOnlyList<TimePoint> points)
        {
            if (LineProtocol.Prefix(key) is not { } prefix)
            {
                Skipped.Add(key);
                return;
            }

            var written = 0;
            foreach (var point in points)
            {
                if (LineProtocol.AppendPoint(_buffer, prefix, point.TimeNs, point.Value))
                {
                    written++;
                    FlushIfFull();
                }
            }

            Count(written);
        }

        private void WriteCsv(SeriesKey key, IReadOnlyList<TimePoint> points)
        {
            if (!_header)
            {
                WriteCsvHeader();
            }

            var name = CsvWriter.Quote(key.Name);
            var tags = CsvWriter.Quote(ValueText.Tags(key.Tags));
            var unit = CsvWriter.Quote(key.Unit);
            foreach (var point in points)
            {
                _buffer.Append(Rfc3339.Format(point.TimeNs, allDigits: true)).Append(',')
                    .Append(name).Append(',').Append(tags).Append(',').Append(unit).Append(',')
                    .Append(ValueText.Number(point.Value)).Append('\n');
                FlushIfFull();
            }

            Count(points.Count);
        }

        private void WriteCsvHeader()
        {
            _header = true;
            _buffer.Append("time,name,tags,unit,value\n");
        }

        private void Count(int points)
        {
            if (points > 0)
            {
                Series++;
                Points += points;
            }
        }

        private void FlushIfFull()
        {
            if (_buffer.Length >= FlushChars)
            {
                output.Write(_buffer);
                _buffer.Clear();
            }
        }
    }
}
