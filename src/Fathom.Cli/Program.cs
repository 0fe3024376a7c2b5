using Fathom.Archive;
using Fathom.Cli;

return new CliApp().Run(args, new CliContext(new SystemConsole(), TimeProvider.System, ArchivePaths.Default));
