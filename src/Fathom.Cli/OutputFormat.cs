namespace Fathom.Cli;

internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}
