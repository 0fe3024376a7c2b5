using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fathom.Collectors.Tcp;
using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Tcp;

/// <summary>Builds and runs a tcp collector on the real clock (or a given one) and reads its results.</summary>
internal static class TcpProbeRun
{
    public static async Task<Runner> RunAsync(X509ChainPolicy? trust, TimeProvider? time, params (string Key, string Value)[] settings)
    {
        var collector = new TcpCollector { ChainPolicy = trust };
        collector.Init(TestConfig.Collector("tcp", "/tmp", settings));
        var runner = new Runner(collector, time ?? TimeProvider.System);
        await runner.RunAsync();
        return runner;
    }

    public static Task<Runner> RunAsync(params (string Key, string Value)[] settings) => RunAsync(null, null, settings);

    /// <summary>The reasons of the failure events for <paramref name="target"/>.</summary>
    public static List<string> Reasons(this Runner runner, string module, string target) =>
        [.. runner.Sink.Events()
            .Where(e => e.Name == $"{module}.failure" && e.Tags.Any(t => t.Key == "target" && t.Value == target))
            .Select(e => JsonDocument.Parse(e.Json).RootElement.GetProperty("reason").GetString()!)];

    /// <summary>The single failure reason of the run, asserting success 0.</summary>
    public static string Failure(this Runner runner, string module, string target)
    {
        Assert.Equal(0, runner.Value($"{module}.success", "target", target));
        return Assert.Single(runner.Reasons(module, target));
    }
}
