using System.Globalization;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>fathom archive check: the backend's integrity check plus decoding every stored point.</summary>
internal sealed class ArchiveCheckCommand : ICommand
{
    public string Name => "archive check";

    public string Summary => "Check an archive's integrity and that every stored point decodes";

    public string Usage => "archive check --archive FILE";

    public IReadOnlyList<OptionSpec> Options { get; } = [ArchiveArgument.RequiredSpec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var path = ArchiveArgument.RequiredPath(arguments, Name);
        ArchiveCheckReport report;
        string full;
        try
        {
            using var reader = context.Archives.OpenReader(path);
            full = reader.Location;
            report = reader.Check();
        }
        catch (ArchiveDamagedException e)
        {
            // SQLite refuses the whole file: that is the check's finding, not a usage error.
            context.Console.Out.WriteLine($"problem: {e.Message}");
            context.Console.Error.WriteLine($"fathom: {context.Archives.Resolve(path).Target}: 1 problem(s) found");
            return ExitCodes.Failure;
        }

        var output = context.Console.Out;
        if (report.Problems.Count == 0)
        {
            output.WriteLine("ok");
        }
        else
        {
            foreach (var problem in report.Problems)
            {
                output.WriteLine($"problem: {problem}");
            }
        }

        output.WriteLine($"series:         {Count(report.Series)}");
        output.WriteLine($"points:         {Count(report.Points)}");
        output.WriteLine($"events:         {Count(report.Events)}");
        output.WriteLine($"status ranges:  {Count(report.StatusRanges)}");
        if (report.SizeBytes is { } size)
        {
            output.WriteLine($"file size:      {Count(size)} bytes");
        }
        if (report.Problems.Count == 0)
        {
            return ExitCodes.Ok;
        }

        context.Console.Error.WriteLine($"fathom: {full}: {report.Problems.Count} problem(s) found");
        return ExitCodes.Failure;
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
