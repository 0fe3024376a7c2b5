namespace Fathom.Cli;

/// <summary>Reads --format: table (the default), json or csv.</summary>
internal static class OutputFormatArgument
{
    public static readonly OptionSpec Spec = new("format", "table|json|csv", "Output format (default table)");

    public static OutputFormat Parse(string? text) => text switch
    {
        null or "table" => OutputFormat.Table,
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => throw new UsageException($"--format: '{text}' is not one of table, json, csv"),
    };
}
