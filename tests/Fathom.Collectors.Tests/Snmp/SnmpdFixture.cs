using Fathom.Collectors.Common.Snmp;
using Fathom.TestSupport.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>One private snmpd and one client of our own (its stats not shared with other tests) per test class.</summary>
public sealed class SnmpdFixture : IAsyncLifetime
{
    public SnmpdServer Server { get; private set; } = null!;

    internal SnmpClient Client { get; } = new();

    public SnmpAgent Agent(string? community = null, double timeoutSeconds = 2, int retries = 1) =>
        new(Server.EndPoint, community ?? Server.Community, TimeSpan.FromSeconds(timeoutSeconds), retries);

    public const string Location = "fathom test lab";

    public async Task InitializeAsync() => Server = await SnmpdServer.StartAsync($"sysLocation {Location}");

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
