using System.Globalization;
using Fathom.Core.Configuration;
using Fathom.Core.Native;
using Fathom.Child;
using Fathom.Daemon.Child;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;

namespace Fathom.Daemon;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable(ChildEnvironment.CollectorId) is { Length: > 0 } childId)
        {
            return await CollectorChild.RunAsync(childId).ConfigureAwait(false);
        }

        // A background job of a non-interactive shell (`fathomd --verbose &` in a script) starts
        // with SIGINT ignored, and .NET keeps an ignored SIGINT ignored: set it back to the default
        // before the runtime's signal handling starts, so fathomd stops cleanly on SIGINT however
        // it was started, as it promises.
        _ = Libc.signal(Libc.SigInt, Libc.SigDfl);

        DaemonOptions options;
        try
        {
            options = OptionParser.Parse(args);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"fathomd: {e.Message}\nTry 'fathomd --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            Console.WriteLine(OptionParser.Usage);
            return ExitCodes.Ok;
        }

        if (options.Version)
        {
            Console.WriteLine($"fathomd {typeof(Program).Assembly.GetName().Version?.ToString(3)}");
            return ExitCodes.Ok;
        }

        var configFile = Path.GetFullPath(options.ConfigFile ?? ConfigLoading.DefaultConfigFile);
        var readyFd = Environment.GetEnvironmentVariable(ChildEnvironment.ReadyFd);
        IReadyReporter reporter = readyFd is not null
            ? new PipeReadyReporter(int.Parse(readyFd, CultureInfo.InvariantCulture))
            : new TerminalReadyReporter();
        try
        {
            if (options.Dump)
            {
                // Standard output stays exactly the reference's dump; warnings go beside it, as the reference's do.
                var warnings = new List<string>();
                Console.Write(ConfigJsonWriter.Write(ConfigLoading.Parse(configFile, warnings)));
                foreach (var w in warnings)
                {
                    await Console.Error.WriteLineAsync($"warning: {w}").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }

            var loaded = ConfigLoading.Load(configFile);
            try
            {
                if (!options.Check)
                {
                    Privileges.RequireRootIfAsked(options.User ?? loaded.Settings.User, options.Group ?? loaded.Settings.Group);
                }

                ArchiveValidation.ThrowIfUnusable(DaemonArchives.Catalog, DaemonArchives.Targets(loaded.Settings));
            }
            catch (Exception e) when (e is ConfigErrors or InvalidOperationException)
            {
                foreach (var p in loaded.Collectors)
                {
                    (p.Instance as IDisposable)?.Dispose();
                }

                if (e is InvalidOperationException)
                {
                    reporter.Failed(ExitCodes.Failure, e.Message);
                    return ExitCodes.Failure;
                }

                throw;
            }

            if (options.Check)
            {
                CheckSummary.Write(Console.Out, configFile, loaded, options);
                return ExitCodes.Ok;
            }

            if (readyFd is null && !options.Attached)
            {
                foreach (var p in loaded.Collectors)
                {
                    (p.Instance as IDisposable)?.Dispose();
                }

                return await Detacher.LaunchAndWaitAsync(options, configFile).ConfigureAwait(false);
            }

            return await new DaemonHost(options, configFile, reporter, detached: readyFd is not null).RunAsync(loaded).ConfigureAwait(false);
        }
        catch (ConfigErrors e)
        {
            reporter.Failed(ExitCodes.Usage, string.Join('\n', e.Errors.Select(x => x.Message)));
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever slipped past the specific handlers: one line and exit 1, never a stack trace or an abort.
            reporter.Failed(ExitCodes.Failure, $"{e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
