using Fathom.Core.Storage;

namespace Fathom.Cli;

/// <summary>What commands need from the outside world, injected so tests control all of it.</summary>
internal sealed record CliContext(IConsole Console, TimeProvider Time, Func<string> DefaultArchivePath)
{
    /// <summary>The archive backends --archive locations resolve through (a plain path is a sqlite file).</summary>
    public ArchiveCatalog Archives { get; init; } = CliArchives.Catalog;
}
