using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Fathom.Core.Configuration;
using Fathom.Lookup.Server;
using Fathom.Lookup.Server.Hosting;
using Fathom.Lookup.Server.Store;

namespace Fathom.Cli;

/// <summary>fathom lookup-server: an sLS-compatible lookup server in the foreground until SIGINT or SIGTERM.</summary>
internal sealed class LookupServerCommand : ICommand
{
    private static readonly OptionSpec ListenOption = new("listen", "ADDR:PORT", "Address and port to listen on (default 127.0.0.1:8090; port 0 picks a free one)");
    private static readonly OptionSpec StoreOption = new("store", "FILE", "The SQLite file holding the records (created when absent)");
    private static readonly OptionSpec DefaultTtlOption = new("default-ttl", "DURATION", "Lease for a record asking none or one out of bounds (default 2h)");
    private static readonly OptionSpec MinTtlOption = new("min-ttl", "DURATION", "Shortest lease granted as asked (default 30s)");
    private static readonly OptionSpec MaxTtlOption = new("max-ttl", "DURATION", "Longest lease granted as asked (default 30d)");

    public string Name => "lookup-server";

    public string Summary => "Run a lookup server (the perfSONAR sLS protocol) in the foreground";

    public string Usage => "lookup-server --store FILE [--listen ADDR:PORT] [--default-ttl D] [--min-ttl D] [--max-ttl D]";

    public IReadOnlyList<OptionSpec> Options { get; } = [ListenOption, StoreOption, DefaultTtlOption, MinTtlOption, MaxTtlOption];

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var store = arguments.Value(StoreOption.Name) ?? throw new UsageException("lookup-server: --store FILE is required");
        var defaults = new LookupServerOptions { StorePath = store };
        var options = new LookupServerOptions
        {
            StorePath = store,
            Listen = ParseListen(arguments.Value(ListenOption.Name) ?? "127.0.0.1:8090"),
            DefaultTtl = Duration(arguments, DefaultTtlOption, defaults.DefaultTtl),
            MinTtl = Duration(arguments, MinTtlOption, defaults.MinTtl),
            MaxTtl = Duration(arguments, MaxTtlOption, defaults.MaxTtl),
        };
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new UsageException(string.Join("; ", problems));
        }

        return RunAsync(options, context).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(LookupServerOptions options, CliContext context)
    {
        using var stop = new CancellationTokenSource();
        using var loggers = new TextLoggerFactory(context.Console.Error, context.Time);

        // The command owns SIGINT and SIGTERM: either one stops the server cleanly (exit 0).
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        LookupServer server;
        try
        {
            server = await LookupServer.StartAsync(options, loggers, context.Time, stop.Token).ConfigureAwait(false);
        }
        catch (LookupStoreException e)
        {
            context.Console.Error.WriteLine($"fathom: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            context.Console.Error.WriteLine($"fathom: cannot listen on {options.Listen}: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }

        await using (server.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT or SIGTERM: stop below.
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await server.StopAsync(grace.Token).ConfigureAwait(false);
        }

        return ExitCodes.Ok;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
    }

    private static IPEndPoint ParseListen(string text)
    {
        if (!IPEndPoint.TryParse(text, out var endpoint) || text.LastIndexOf(':') <= 0 || text.EndsWith(']'))
        {
            throw new UsageException($"--listen: '{text}' is not ADDRESS:PORT (e.g. 127.0.0.1:8090 or [::1]:8090)");
        }

        return endpoint;
    }

    private static TimeSpan Duration(ParsedArguments arguments, OptionSpec option, TimeSpan fallback)
    {
        var text = arguments.Value(option.Name);
        if (text is null)
        {
            return fallback;
        }

        // "30s", "2h", "30d" as in fathomd's configuration, or an ISO 8601 duration as the sLS writes TTLs.
        if ((ValueParsers.TryParseDuration(text, out var value) || Lookup.Records.IsoDuration.TryParse(text, out value)) && value > TimeSpan.Zero)
        {
            return value;
        }

        throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--{option.Name}: '{text}' is not a positive duration (e.g. 30s, 2h, 30d or PT2H)"));
    }
}
