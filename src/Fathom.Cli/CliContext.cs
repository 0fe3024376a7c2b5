namespace Fathom.Cli;

/// <summary>What commands need from the outside world, injected so tests control all of it.</summary>
internal sealed record CliContext(IConsole Console, TimeProvider Time, Func<string> DefaultArchivePath);
