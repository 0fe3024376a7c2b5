using Fathom.Cli;
using Fathom.Core.Native;

// A background job of a non-interactive shell starts with SIGINT ignored, and .NET keeps an
// ignored SIGINT ignored: set it back to the default before the runtime's signal handling starts,
// so `fathom lookup-server` stops cleanly on SIGINT however it was started.
_ = Libc.signal(Libc.SigInt, Libc.SigDfl);
return new CliApp().Run(args, new CliContext(new SystemConsole(), TimeProvider.System, () => CliArchives.Catalog.DefaultLocation));
