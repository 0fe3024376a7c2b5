using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

public sealed class SnmpdServerTests
{
    [Fact]
    public async Task Dispose_StopsSnmpdByPidAndRemovesItsFolder()
    {
        var server = await SnmpdServer.StartAsync();
        var pid = server.Pid;
        var folder = server.Folder;
        Assert.True(Poll.IsAlive(pid));
        Assert.NotEmpty(await SnmpTools.GetAsync(server.Port, server.Community, "1.3.6.1.2.1.1.3.0"));

        await server.DisposeAsync();

        Assert.True(await Poll.UntilAsync(() => !Poll.IsAlive(pid)), $"snmpd {pid} still running");
        Assert.False(Directory.Exists(folder));
    }
}
