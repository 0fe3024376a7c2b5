using System.Globalization;
using System.Text.Json;
using Fathom.Child;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Processes;
using Fathom.Daemon.Child;

namespace Fathom.Daemon.Supervision;

/// <summary>
/// Asks fathom-plugin-host to load a plugin and Init it ("--validate", the same spec on stdin a
/// child gets): missing file or type, not a collector, no public parameterless constructor, a
/// key it refuses. Its answer is one "FILE\tLINE\tPROBLEM" line per error (exit 2).
/// </summary>
internal static class PluginCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static void ThrowIfInvalid(CollectorConfig config)
    {
        var where = config.Find("module")?.Location ?? config.Location;
        var host = ChildLauncher.PluginHostPath();
        if (!File.Exists(host))
        {
            throw new ConfigException(where, $"plugin '{config.Module}' needs fathom-plugin-host, which is not at {host} (install it beside fathomd, or set {ChildLauncher.PluginHostVariable})");
        }

        var (exit, output, errors) = RunAsync(host, config).GetAwaiter().GetResult();
        if (exit.Success)
        {
            return;
        }

        var found = new List<ConfigException>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', 3);
            found.Add(parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var n)
                ? new ConfigException(new ConfigLocation(parts[0], n), parts[2])
                : new ConfigException(where, line));
        }

        if (found.Count == 0)
        {
            found.Add(new ConfigException(where, $"plugin '{config.Module}': fathom-plugin-host failed ({exit}): {errors.Trim()}"));
        }

        throw new ConfigErrors(found);
    }

    private static async Task<(ChildExit Exit, string Output, string Errors)> RunAsync(string host, CollectorConfig config)
    {
        using var child = ChildProcess.Start(new SpawnOptions
        {
            Executable = host,
            Arguments = ["fathom-plugin-host", "--validate"],
            StandardInput = StdioMode.Pipe,
            StandardOutput = StdioMode.Pipe,
            StandardError = StdioMode.Pipe,
        });
        try
        {
            await JsonSerializer.SerializeAsync(child.StandardInput!, ChildSpec.From(config, logLevel: 2), ChildSpecJson.Default.ChildSpec).ConfigureAwait(false);
            await child.StandardInput!.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The host died before reading the spec; its exit status and stderr say why.
        }

        using var stdout = new StreamReader(child.StandardOutput!);
        using var stderr = new StreamReader(child.StandardError!);
        var output = stdout.ReadToEndAsync();
        var errors = stderr.ReadToEndAsync();
        try
        {
            var exit = await child.Exited.WaitAsync(Limit).ConfigureAwait(false);
            return (exit, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
        }
        catch (TimeoutException)
        {
            child.Signal(Signals.SIGKILL);
            throw new ConfigException(config.Find("module")?.Location ?? config.Location, $"plugin '{config.Module}': fathom-plugin-host did not answer within {Limit.TotalSeconds} s");
        }
    }
}
