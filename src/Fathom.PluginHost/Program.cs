using System.Text.Json;
using Fathom.Child;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.PluginHost;

/// <summary>
/// fathom-plugin-host. Started by fathomd with FATHOM_COLLECTOR_CHILD set, it is a plugin's
/// collector child (<see cref="ChildRunner"/>, the same wire as fathomd's own children); with
/// "--validate" it loads the plugin named by the spec on stdin, calls Init, and prints each
/// problem as "FILE\tLINE\tPROBLEM" (exit 2), so 'fathomd --check' reports plugin mistakes.
/// </summary>
internal static class Program
{
    private const int Ok = 0;
    private const int Usage = 2;

    public static async Task<int> Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable(ChildEnvironment.CollectorId) is { Length: > 0 } childId)
        {
            return await ChildRunner.RunAsync(childId, PluginLoader.Create).ConfigureAwait(false);
        }

        if (args is ["--validate"])
        {
            return await ValidateAsync().ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync("fathom-plugin-host is started by fathomd to run a plugin collector (or with --validate and a collector spec on stdin)").ConfigureAwait(false);
        return Usage;
    }

    private static async Task<int> ValidateAsync()
    {
        using var stdin = Console.OpenStandardInput();
        var spec = await JsonSerializer.DeserializeAsync(stdin, ChildSpecJson.Default.ChildSpec).ConfigureAwait(false);
        if (spec is null)
        {
            await Console.Error.WriteLineAsync("no collector spec on stdin").ConfigureAwait(false);
            return Usage;
        }

        var config = spec.ToConfig();
        var errors = new List<ConfigException>();
        try
        {
            var collector = PluginLoader.Create(config);
            try
            {
                collector.Init(config);
            }
            finally
            {
                (collector as IDisposable)?.Dispose();
            }
        }
        catch (ConfigException e)
        {
            errors.Add(e);
        }
        catch (ConfigErrors e)
        {
            errors.AddRange(e.Errors);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new ConfigException(config.Location, $"collector '{config.Id}' failed to initialise: {e.Message}"));
        }

        foreach (var e in errors)
        {
            var at = e.Location ?? config.Location;
            Console.WriteLine($"{at.File}\t{at.Line}\t{e.Problem.ReplaceLineEndings(" ")}");
        }

        return errors.Count == 0 ? Ok : Usage;
    }
}
