using Fathom.Archive;

namespace Fathom.Cli;

/// <summary>Opens the archive named by --archive, or the default one.</summary>
internal static class ArchiveArgument
{
    public static readonly OptionSpec Spec = new("archive", "FILE", "Archive file (default: the daemon's)");

    public static ArchiveReader Open(ParsedArguments arguments, CliContext context)
    {
        var path = arguments.Value(Spec.Name);
        if (path is { Length: 0 })
        {
            throw new UsageException("--archive: the file name is empty");
        }

        return ArchiveReader.Open(path ?? context.DefaultArchivePath());
    }
}
