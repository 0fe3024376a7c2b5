using Fathom.Api.Client;
using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>Opens the archive named by --archive (a file path, or TYPE:… for another backend), or the default one.</summary>
internal static class ArchiveArgument
{
    public static readonly OptionSpec Spec = new("archive", "FILE", "Archive file, or postgresql://user@host:port/db (password from FATHOM_ARCHIVE_PASSWORD or PGPASSWORD; default: the daemon's file)");

    /// <summary>The same option for commands that take no default.</summary>
    public static readonly OptionSpec RequiredSpec = new("archive", "FILE", "Archive file (required)");

    /// <summary>Ask a running daemon's API instead of a file: the same answers, the same output.</summary>
    public static readonly OptionSpec UrlSpec = new("url", "URL", "Ask a running fathomd's API (e.g. http://127.0.0.1:8085) instead of a file");

    /// <summary>The archive of --archive, or of the daemon at --url (its API's read port); never both.</summary>
    public static IArchiveReader Open(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Value(UrlSpec.Name) is { } url)
        {
            return arguments.Value(Spec.Name) is null
                ? new HttpArchiveReader(UrlArgument.Parse(url))
                : throw new UsageException("give --archive FILE or --url URL, not both");
        }

        var path = arguments.Value(Spec.Name);
        if (path is { Length: 0 })
        {
            throw new UsageException("--archive: the file name is empty");
        }

        return context.Archives.OpenReader(path ?? context.DefaultArchivePath());
    }

    /// <summary>The --archive path for commands that need it named explicitly (they change or inspect one file).</summary>
    public static string RequiredPath(ParsedArguments arguments, string command) =>
        arguments.Value(Spec.Name) switch
        {
            null => throw new UsageException($"{command} needs --archive FILE"),
            { Length: 0 } => throw new UsageException("--archive: the file name is empty"),
            var path => path,
        };
}
