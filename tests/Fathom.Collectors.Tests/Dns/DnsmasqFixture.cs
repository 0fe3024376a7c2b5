namespace Fathom.Collectors.Tests.Dns;

/// <summary>A dnsmasq answering for *.test only (NXDOMAIN for unknown names there), shared by a test class.</summary>
public sealed class DnsmasqFixture : IAsyncLifetime
{
    /// <summary>Three 250-byte TXT strings: about 800 bytes, so the UDP reply is truncated.</summary>
    public static readonly string[] BigTxt = [new string('x', 250), new string('y', 250), new string('z', 250)];

    private LocalServer? _server;

    public int Port => _server?.Port ?? throw new InvalidOperationException("dnsmasq is not running");

    public int Pid => _server?.Pid ?? 0;

    public string Server => $"127.0.0.1:{Port}";

    public async Task InitializeAsync() => _server = await LocalServer.StartAsync("dnsmasq", port =>
    [
        "--no-daemon", "--no-resolv", "--no-hosts", "--port=" + port,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--local=/test/",
        "--address=/a.test/198.18.0.1",
        "--host-record=h.test,198.18.0.2,2001:db8::2",
        "--cname=c.test,h.test",
        "--mx-host=m.test,mail.m.test,10",
        "--txt-record=t.test,hello world,second",
        .. BigTxt.Select(t => "--txt-record=big.test," + t),
    ]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
