using Fathom.Collectors.Tests.Dns;

namespace Fathom.Collectors.Tests.Throughput;

/// <summary>An iperf3 server on 127.0.0.1 and a free port, shared by a test class (whose tests run one at a time).</summary>
public sealed class Iperf3Fixture : IAsyncLifetime
{
    private LocalServer? _server;

    public int Port => _server?.Port ?? throw new InvalidOperationException("iperf3 is not running");

    public async Task InitializeAsync() =>
        _server = await LocalServer.StartAsync("iperf3", port => ["-s", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-B", "127.0.0.1"]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
