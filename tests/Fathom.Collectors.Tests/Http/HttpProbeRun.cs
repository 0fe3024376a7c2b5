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

    /// <summary>redirect + resolve + connect + tls + write + ttfb + transfer adds up to total (exactly, but for float rounding).</summary>
    public static void AssertPhasesAddUp(Runner r)
    {
        var phases = new[] { "redirect", "resolve", "connect", "write", "ttfb", "transfer" }.Sum(p => r.Value("http." + p));
        phases += r.Sink.Samples("http.tls").Sum(s => s.Value);
        Assert.All(new[] { "redirect", "resolve", "connect", "write", "ttfb", "transfer" }, p => Assert.True(r.Value("http." + p) >= 0, p));
        Assert.InRange(r.Value("http.total") - phases, -0.000001, 0.000001);
    }
}
