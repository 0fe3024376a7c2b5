using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fathom.Lookup.Hints;
using Fathom.TestSupport;

namespace Fathom.Lookup.Tests.Hints;

/// <summary>Real TCP connects to listeners on 127.0.0.1, a closed port, and names that do not resolve.</summary>
public sealed class TcpConnectProberTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly List<TcpListener> _listeners = [];
    private readonly TcpConnectProber _prober = new(TimeProvider.System);

    public void Dispose() => _listeners.ForEach(l => l.Stop());

    private Uri Listening()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _listeners.Add(listener);
        return Locator(((IPEndPoint)listener.LocalEndpoint).Port);
    }

    private static Uri Closed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return Locator(port);
    }

    private static Uri Locator(int port) => new($"http://127.0.0.1:{port}/lookup/records");

    [Fact]
    public async Task Probe_Listener_Latency()
    {
        var latency = await _prober.ProbeAsync(Listening(), TimeSpan.FromSeconds(2), CancellationToken.None).WaitAsync(Timeout);

        Assert.NotNull(latency);
        Assert.InRange(latency.Value, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Probe_ClosedPort_Null()
    {
        Assert.Null(await _prober.ProbeAsync(Closed(), TimeSpan.FromSeconds(2), CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Probe_NameThatDoesNotResolve_Null()
    {
        Assert.Null(await _prober.ProbeAsync(new Uri("http://no-such-host.invalid:8090/lookup/records"), TimeSpan.FromSeconds(3), CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Probe_UnreachableAddress_WithinTimeout()
    {
        var clock = Stopwatch.StartNew();

        // TEST-NET-1 is never routed: the connect fails or hangs until the timeout.
        var latency = await _prober.ProbeAsync(new Uri("http://192.0.2.1:8090/lookup/records"), TimeSpan.FromMilliseconds(300), CancellationToken.None).WaitAsync(Timeout);

        Assert.Null(latency);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Chooser_RealListeners_ChoosesAnAnsweringOneAndSwitchesWhenItCloses()
    {
        var closed = Closed();
        var first = Listening();
        var second = Listening();
        var hosts = new[] { closed, first, second }.Select(u => new HintHost(u, HintStatus.Alive, 0)).ToList();
        var chooser = new ServerChooser(_prober, TimeProvider.System, new ListLogger(), new ChooserOptions { ProbeTimeout = TimeSpan.FromSeconds(2) });

        var chosen = await chooser.ChooseAsync(hosts, CancellationToken.None).WaitAsync(Timeout);

        Assert.True(chosen == first || chosen == second, $"chose {chosen}");
        Assert.Null(chooser.LastLatencies[closed]);
        _listeners.Single(l => ((IPEndPoint)l.LocalEndpoint).Port == chosen!.Port).Stop();
        var other = chosen == first ? second : first;
        Assert.Equal(other, await chooser.ChooseAsync(hosts, CancellationToken.None).WaitAsync(Timeout));
    }
}
