using System.Globalization;
using Fathom.Archive;
using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>fathom archive compact: checkpoint the WAL and VACUUM, for when the daemon is stopped.</summary>
internal sealed class ArchiveCompactCommand : ICommand
{
    // Long enough to ride out one batch commit, short enough that a busy daemon gives a prompt answer.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(2);

    public string Name => "archive compact";

    public string Summary => "Shrink an archive file (WAL checkpoint and VACUUM); stop fathomd first";

    public string Usage => "archive compact --archive FILE";

    public IReadOnlyList<OptionSpec> Options { get; } = [ArchiveArgument.RequiredSpec];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var path = ArchiveArgument.RequiredPath(arguments, Name);
        long before, after;
        try
        {
            (before, after) = ArchiveCompaction.Run(path, BusyTimeout);
        }
        catch (ArchiveInUseException e)
        {
            context.Console.Error.WriteLine($"fathom: {e.Message} (a running fathomd); stop it and try again");
            return ExitCodes.Failure;
        }
        catch (SqliteException e) when (e.PrimaryCode == SqliteCodes.Busy)
        {
            context.Console.Error.WriteLine(
                $"fathom: {Path.GetFullPath(path)} is in use by another process (is fathomd writing to it?); stop it and try again");
            return ExitCodes.Failure;
        }

        context.Console.Out.WriteLine($"before: {before.ToString(CultureInfo.InvariantCulture)} bytes");
        context.Console.Out.WriteLine($"after:  {after.ToString(CultureInfo.InvariantCulture)} bytes");
        return ExitCodes.Ok;
    }
}
