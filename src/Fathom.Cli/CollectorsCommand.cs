using System.Globalization;
using Fathom.Api.Client;
using Fathom.Api.Client.Wire;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>fathom collectors: every collector of a running daemon (its API's supervisor snapshot), one row each.</summary>
internal sealed class CollectorsCommand : ICommand
{
    public string Name => "collectors";

    public string Summary => "List a running daemon's collectors: state, last run, failures, restarts, next run";

    public string Usage => "collectors [--url URL] [--format table|json|csv]";

    private static readonly OptionSpec UrlOption = new("url", "URL", $"The running fathomd's API (default {UrlArgument.Default})");

    public IReadOnlyList<OptionSpec> Options { get; } = [UrlOption, OutputFormatArgument.Spec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var url = UrlArgument.Parse(arguments.Value(UrlOption.Name) ?? UrlArgument.Default);
        var format = OutputFormatArgument.Parse(arguments.Value(OutputFormatArgument.Spec.Name));
        CollectorListDto list;
        using (var api = new ApiClient(url))
        {
            list = api.Get("/api/v1/collectors", ApiJson.Default.CollectorListDto)!;
        }

        var output = context.Console.Out;
        switch (format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(output, json =>
                {
                    json.WriteStartArray();
                    foreach (var c in list.Collectors)
                    {
                        json.WriteStartObject();
                        json.WriteString("id", c.Id);
                        json.WriteString("module", c.Module);
                        json.WriteString("state", c.State);
                        json.WriteNumber("interval_s", c.IntervalSeconds);
                        WriteTime(json, "last_run", c.LastRun?.Start);
                        if (c.LastRun is { } r)
                        {
                            json.WriteNumber("duration_ms", r.DurationMs);
                        }
                        else
                        {
                            json.WriteNull("duration_ms");
                        }

                        json.WriteString("last_error", c.LastRun?.Error);
                        json.WriteNumber("runs", c.Runs);
                        json.WriteNumber("manual_runs", c.ManualRuns);
                        json.WriteNumber("failures", c.Failures);
                        json.WriteNumber("restarts", c.Restarts);
                        WriteTime(json, "next_run", c.NextRun);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                break;
            case OutputFormat.Csv:
                var csv = new CsvWriter(output);
                csv.WriteRow("id", "module", "state", "interval_s", "last_run", "duration_ms", "failures", "restarts", "next_run");
                foreach (var c in list.Collectors)
                {
                    csv.WriteRow(c.Id, c.Module, c.State, Number(c.IntervalSeconds), Time(c.LastRun?.Start, ""), c.LastRun is { } r ? Number(r.DurationMs) : "",
                        Count(c.Failures), Count(c.Restarts), Time(c.NextRun, ""));
                }

                break;
            default:
                var table = new TextTable("ID", "MODULE", "STATE", "INTERVAL", "LAST RUN", "DURATION", "FAILURES", "RESTARTS", "NEXT RUN").AlignRight(3).AlignRight(5).AlignRight(6).AlignRight(7);
                foreach (var c in list.Collectors)
                {
                    table.Add(c.Id, c.Module, c.State, Number(c.IntervalSeconds) + " s", Time(c.LastRun?.Start, "-"),
                        c.LastRun is { } r ? Number(Math.Round(r.DurationMs, 1)) + " ms" : "-", Count(c.Failures), Count(c.Restarts), Time(c.NextRun, "-"));
                }

                table.WriteTo(output);
                if (list.Archives is { Count: > 0 } archives)
                {
                    output.WriteLine();
                    WriteTargets(output, archives);
                }

                break;
        }

        return ExitCodes.Ok;
    }

    // Where measurements go and what waits for each target: the backlog of an outage shows here.
    private static void WriteTargets(TextWriter output, IReadOnlyList<ArchiveTargetDto> archives)
    {
        var table = new TextTable("TARGET", "STATE", "SPOOL", "BATCHES", "MEASUREMENTS", "OLDEST", "DROPPED", "DELIVERED", "LAST ERROR")
            .AlignRight(3).AlignRight(4).AlignRight(5).AlignRight(6).AlignRight(7);
        foreach (var a in archives)
        {
            table.Add(a.Name, a.State, a.Spooled ? "disk" : "-", Count(a.PendingBatches), Count(a.PendingMeasurements),
                a.OldestPendingAgeSeconds is { } age ? Number(Math.Round(age, 1)) + " s" : "-", Count(a.Dropped), Count(a.Delivered), a.LastError ?? "-");
        }

        table.WriteTo(output);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time, string none) => time is { } t ? Rfc3339.Format(TimeText.ToUnixNs(t)) : none;

    private static void WriteTime(System.Text.Json.Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, Rfc3339.Format(TimeText.ToUnixNs(t)));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
