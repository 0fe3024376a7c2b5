using System.Globalization;
using System.Text.Json;
using Fathom.Core.Instrumentation;
using Fathom.Pcp;
using Fathom.Pcp.Mmv;

namespace Fathom.Cli;

/// <summary>fathom metrics --mmv FILE: the metrics and current values of a PCP MMV file (fathomd's or any other).</summary>
internal sealed class MetricsCommand : ICommand
{
    private static readonly OptionSpec MmvOption = new("mmv", "FILE", "The MMV file to read, e.g. /var/lib/pcp/tmp/mmv/fathom");
    private static readonly OptionSpec FormatOption = new("format", "table|json", "Output format (default table)");

    public string Name => "metrics";

    public string Summary => "Show the metrics and values of a PCP MMV file";

    public string Usage => "metrics --mmv FILE [--format table|json]";

    public IReadOnlyList<OptionSpec> Options { get; } = [MmvOption, FormatOption];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var json = arguments.Value(FormatOption.Name) switch
        {
            null or "table" => false,
            "json" => true,
            var other => throw new UsageException($"--format: '{other}' is not one of table, json"),
        };
        var path = arguments.Value(MmvOption.Name) ?? throw new UsageException("metrics needs --mmv FILE");
        var file = Read(path);
        if (json)
        {
            WriteJson(context.Console.Out, file);
        }
        else
        {
            WriteTable(context.Console.Out, file);
        }

        return ExitCodes.Ok;
    }

    private static MmvFile Read(string path)
    {
        try
        {
            return MmvReader.Read(path);
        }
        catch (MmvFormatException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{path}: no such MMV file", e);
        }
    }

    private static void WriteTable(TextWriter output, MmvFile file)
    {
        var table = new TextTable("NAME", "TYPE", "SEMANTICS", "UNITS", "INSTANCE", "VALUE");
        foreach (var metric in file.Metrics)
        {
            var name = file.FullName(metric);
            if (metric.Values.Count == 0)
            {
                table.Add(name, TypeName(metric.Type), SemanticsName(metric.Semantics), UnitsName(metric.Units), "-", "-");
            }

            foreach (var value in metric.Values)
            {
                table.Add(name, TypeName(metric.Type), SemanticsName(metric.Semantics), UnitsName(metric.Units), value.Instance?.Name ?? "-", ValueText(value.Value));
            }
        }

        table.WriteTo(output);
    }

    private static void WriteJson(TextWriter output, MmvFile file) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("file", file.Path);
        json.WriteNumber("version", file.Version);
        json.WriteNumber("generation", file.Generation);
        json.WriteNumber("pid", file.ProcessId);
        json.WriteNumber("cluster", file.Cluster);
        json.WriteStartArray("flags");
        foreach (var flag in (MmvFlags[])[MmvFlags.NoPrefix, MmvFlags.Process, MmvFlags.Sentinel])
        {
            if (file.Flags.HasFlag(flag))
            {
                json.WriteStringValue(flag.ToString().ToLowerInvariant());
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("metrics");
        foreach (var metric in file.Metrics)
        {
            WriteMetric(json, file, metric);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteMetric(Utf8JsonWriter json, MmvFile file, MmvMetric metric)
    {
        json.WriteStartObject();
        json.WriteString("name", file.FullName(metric));
        json.WriteNumber("item", metric.Item);
        json.WriteString("type", TypeName(metric.Type));
        json.WriteString("semantics", SemanticsName(metric.Semantics));
        json.WriteString("units", UnitsName(metric.Units));
        if (metric.Indom is { } indom)
        {
            json.WriteNumber("indom", indom.Serial);
        }
        else
        {
            json.WriteNull("indom");
        }

        json.WriteString("shortHelp", metric.ShortHelp);
        json.WriteString("longHelp", metric.LongHelp);
        json.WriteStartArray("values");
        foreach (var value in metric.Values)
        {
            json.WriteStartObject();
            if (value.Instance is { } instance)
            {
                json.WriteNumber("instanceId", instance.Id);
                json.WriteString("instance", instance.Name);
            }

            WriteValue(json, value.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case string s:
                json.WriteString("value", s);
                break;
            case int i:
                json.WriteNumber("value", i);
                break;
            case uint u:
                json.WriteNumber("value", u);
                break;
            case long l:
                json.WriteNumber("value", l);
                break;
            case ulong ul:
                json.WriteNumber("value", ul);
                break;
            case float f:
                JsonOutput.WriteNumber(json, "value", f);
                break;
            default:
                JsonOutput.WriteNumber(json, "value", Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string ValueText(object value) => value switch
    {
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string TypeName(MmvMetricType type) => type switch
    {
        MmvMetricType.I32 => "i32",
        MmvMetricType.U32 => "u32",
        MmvMetricType.I64 => "i64",
        MmvMetricType.U64 => "u64",
        MmvMetricType.Float => "float",
        MmvMetricType.Double => "double",
        MmvMetricType.String => "string",
        _ => "elapsed",
    };

    private static string SemanticsName(MetricSemantics semantics) => semantics switch
    {
        MetricSemantics.Counter => "counter",
        MetricSemantics.Instant => "instant",
        _ => "discrete",
    };

    /// <summary>pmUnitsStr's words; "none" (as pminfo shows) for dimensionless metrics.</summary>
    private static string UnitsName(MetricUnits units) => PcpUnitsText.Format(units) is { Length: > 0 } text ? text : "none";
}
