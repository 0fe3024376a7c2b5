using System.Globalization;
using System.Text.Json;
using Fathom.Api.Client;
using Fathom.Api.Client.Wire;

namespace Fathom.Cli;

/// <summary>fathom lookup status: a running daemon's lookup registration (its API's GET /api/v1/lookup), one row per record and server.</summary>
internal sealed class LookupStatusCommand : ICommand
{
    private static readonly OptionSpec UrlOption = new("url", "URL", $"The running fathomd's API (default {UrlArgument.Default})");
    private static readonly OptionSpec FormatOption = new("format", "FORMAT", "table (default) or json");

    public string Name => "lookup status";

    public string Summary => "Show a running daemon's lookup registration: servers, records, uris, expiry";

    public string Usage => "lookup status [--url URL] [--format table|json]";

    public IReadOnlyList<OptionSpec> Options { get; } = [UrlOption, FormatOption];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var url = UrlArgument.Parse(arguments.Value(UrlOption.Name) ?? UrlArgument.Default);
        var format = arguments.Value(FormatOption.Name) ?? "table";
        if (format is not ("table" or "json"))
        {
            throw new UsageException($"--format must be table or json, not '{format}'");
        }

        LookupStatusDto status;
        using (var api = new ApiClient(url))
        {
            status = api.Get("/api/v1/lookup", ApiJson.Default.LookupStatusDto)!;
        }

        var output = context.Console.Out;
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(status, ApiJson.Default.LookupStatusDto));
            return ExitCodes.Ok;
        }

        if (!status.Enabled)
        {
            output.WriteLine("lookup registration is off (no <lookup> block)");
            return ExitCodes.Ok;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"client-uuid {status.ClientUuid}: {status.Registered} registered, {status.Registrations} registrations, {status.Renewals} renewals, {status.Failures} failures"));
        var table = new TextTable("SERVER", "STATE", "KEY", "TYPE", "URI", "EXPIRES", "RENEWALS").AlignRight(6);
        foreach (var server in status.Servers)
        {
            var state = server.Reachable ? "ok" : $"down since {server.DownSince}: {server.LastError}";
            foreach (var record in server.Records)
            {
                table.Add(server.Url, state, record.Key, record.Type, record.Uri ?? "-", record.Expires ?? "-", record.Renewals.ToString(CultureInfo.InvariantCulture));
            }
        }

        table.WriteTo(output);
        return ExitCodes.Ok;
    }
}
