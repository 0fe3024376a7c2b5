using System.Globalization;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>fathom archive compact: shrink an archive in place (sqlite: WAL checkpoint and VACUUM), for when the daemon is stopped.</summary>
internal sealed class ArchiveCompactCommand : ICommand
{
    public string Name => "archive compact";

    public string Summary => "Shrink an archive file (WAL checkpoint and VACUUM); stop fathomd first";

    public string Usage => "archive compact --archive FILE";

    public IReadOnlyList<OptionSpec> Options { get; } = [ArchiveArgument.RequiredSpec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var path = ArchiveArgument.RequiredPath(arguments, Name);
        var options = context.Archives.Resolve(path);
        if (context.Archives.Get(options.Type) is not IArchiveCompaction compaction)
        {
            throw new UsageException($"archive type '{options.Type}' cannot be compacted");
        }

        long before, after;
        try
        {
            (before, after) = compaction.Compact(options);
        }
        catch (ArchiveInUseException e)
        {
            context.Console.Error.WriteLine($"fathom: {e.Message}; stop it and try again");
            return ExitCodes.Failure;
        }

        context.Console.Out.WriteLine($"before: {before.ToString(CultureInfo.InvariantCulture)} bytes");
        context.Console.Out.WriteLine($"after:  {after.ToString(CultureInfo.InvariantCulture)} bytes");
        return ExitCodes.Ok;
    }
}
