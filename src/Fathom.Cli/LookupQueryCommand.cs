using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fathom.Lookup.Records;

namespace Fathom.Cli;

/// <summary>fathom lookup query: what a lookup server (Fathom's or perfSONAR's) has registered, as a table or JSON.</summary>
internal sealed class LookupQueryCommand : ICommand
{
    private const string DefaultUrl = "http://127.0.0.1:8090/lookup/records";
    private static readonly OptionSpec UrlOption = new("url", "URL", $"The lookup server (default {DefaultUrl}); a path other than /lookup/records is ignored");
    private static readonly OptionSpec OperatorOption = new("operator", "all|any", "How the key=value terms combine (default all)");
    private static readonly OptionSpec FormatOption = new("format", "table|json", "Output format (default table)");

    public string Name => "lookup query";

    public string Summary => "List the records a lookup server holds, optionally matching key=value terms";

    public string Usage => "lookup query [--url URL] [KEY=VALUE[,VALUE]]... [--operator all|any] [--format table|json]";

    public IReadOnlyList<OptionSpec> Options { get; } = [UrlOption, OperatorOption, FormatOption];

    public bool TakesPositionals => true;

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var address = QueryAddress(arguments);
        var json = arguments.Value(FormatOption.Name) switch
        {
            null or "table" => false,
            "json" => true,
            var other => throw new UsageException($"--format: '{other}' is not table or json"),
        };
        var (ok, body, failure) = FetchAsync(address).GetAwaiter().GetResult();
        if (!ok)
        {
            context.Console.Error.WriteLine($"fathom: lookup query {address}: {failure}");
            return ExitCodes.Failure;
        }

        if (!TryParseRecords(body, out var records, out var error))
        {
            context.Console.Error.WriteLine($"fathom: lookup query {address}: the reply is not a list of records: {error}");
            return ExitCodes.Failure;
        }

        if (json)
        {
            JsonOutput.Write(context.Console.Out, w =>
            {
                w.WriteStartArray();
                foreach (var record in records)
                {
                    LookupRecordJson.Write(w, record, serverScalars: true);
                }

                w.WriteEndArray();
            });
            return ExitCodes.Ok;
        }

        var table = new TextTable("TYPE", "NAME", "LOCATOR", "URI", "EXPIRES");
        foreach (var r in records)
        {
            table.Add(
                r.Type ?? "-",
                r.First(LookupKeys.ServiceName) ?? r.First(LookupKeys.HostName) ?? "-",
                r.First(LookupKeys.ServiceLocator) ?? "-",
                r.Uri ?? "-",
                r.First(LookupKeys.Expires) ?? "-");
        }

        table.WriteTo(context.Console.Out);
        return ExitCodes.Ok;
    }

    private static Uri QueryAddress(ParsedArguments arguments)
    {
        var text = arguments.Value(UrlOption.Name) ?? DefaultUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            throw new UsageException($"--url: '{text}' is not an http:// or https:// address (e.g. {DefaultUrl})");
        }

        var query = new StringBuilder();
        foreach (var term in arguments.Positionals)
        {
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"lookup query: '{term}' is not KEY=VALUE (e.g. type=service)");
            }

            // Commas separate values and '*' is a wildcard: both go as they are, the rest escaped.
            var values = term[(equals + 1)..].Split(',').Select(Uri.EscapeDataString);
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(term[..equals])).Append('=').Append(string.Join(',', values).Replace("%2A", "*", StringComparison.Ordinal));
        }

        if (arguments.Value(OperatorOption.Name) is { } op)
        {
            if (op is not ("all" or "any"))
            {
                throw new UsageException($"--operator: '{op}' is not all or any");
            }

            query.Append(query.Length == 0 ? '?' : '&').Append("operator=").Append(op);
        }

        return new Uri($"{url.GetLeftPart(UriPartial.Authority)}/lookup/records{query}");
    }

    private static async Task<(bool Ok, byte[] Body, string Failure)> FetchAsync(Uri address)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.GetAsync(address).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var reason = Encoding.UTF8.GetString(body).Split('\n')[0].Trim();
                return (false, [], $"{(int)response.StatusCode} {response.ReasonPhrase}{(reason.Length > 0 ? ": " + reason : "")}");
            }

            return (true, body, "");
        }
        catch (HttpRequestException e)
        {
            return (false, [], e.Message);
        }
        catch (TaskCanceledException)
        {
            return (false, [], "no reply within 30 s");
        }
    }

    private static bool TryParseRecords(byte[] body, out List<LookupRecord> records, out string error)
    {
        records = [];
        error = "";
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                error = "not a JSON array";
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var record = new LookupRecord();
                if (reader.TokenType != JsonTokenType.StartObject || !LookupRecordJson.TryReadObject(ref reader, record, out error))
                {
                    error = error.Length > 0 ? error : "an element is not an object";
                    return false;
                }

                records.Add(record);
            }

            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }
}
