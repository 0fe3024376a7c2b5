using Fathom.TestSupport.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>One private snmpd on loopback for a test class.</summary>
public sealed class SnmpdFixture : IAsyncLifetime
{
    private SnmpdServer? _server;

    public SnmpdServer Server => _server ?? throw new InvalidOperationException("snmpd not started");

    public async Task InitializeAsync() => _server = await SnmpdServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
