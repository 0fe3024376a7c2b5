using Fathom.Cli;

return new CliApp().Run(args, new CliContext(new SystemConsole(), TimeProvider.System, () => CliArchives.Catalog.DefaultLocation));
