using System.Security.Cryptography.X509Certificates;
using Fathom.Collectors.Http;
using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Http;

/// <summary>Builds and runs an http collector on the real clock and checks what every run must hold.</summary>
internal static class HttpProbeRun
{
    public static async Task<Runner> RunAsync(X509ChainPolicy? trust, params (string Key, string Value)[] settings)
    {
        var collector = new HttpCollector { ChainPolicy = trust };
        collector.Init(TestConfig.Collector("http", "/tmp", settings));
        var runner = new Runner(collector, TimeProvider.System);
        await runner.RunAsync();
        return runner;
    }

    public static Task<Runner> RunAsync(params (string Key, string Value)[] settings) => RunAsync(null, settings);

    /// <summary>resolve + connect + tls + write + ttfb + transfer equals total, and the five named phases are within 1 ms of it.</summary>
    public static void AssertPhasesAddUp(Runner r)
    {
        var phases = new[] { "resolve", "connect", "ttfb", "transfer" }.Sum(p => r.Value("http." + p));
        phases += r.Sink.Samples("http.tls").Sum(s => s.Value);
        var total = r.Value("http.total");
        Assert.Equal(total, phases + r.Value("http.write"), 6);
        Assert.InRange(total - phases, 0, 1);
    }
}
