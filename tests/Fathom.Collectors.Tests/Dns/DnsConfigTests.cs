using Fathom.Collectors.Dns;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Dns;

public sealed class DnsConfigTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private DnsSettings Read(params (string Key, string Value)[] settings) =>
        DnsConfig.Read(TestConfig.Collector("dns", _dir.Path, settings), _dir.File("resolv.conf", "# test\nsearch example\nnameserver 192.0.2.53\nnameserver 192.0.2.54\n"));

    [Fact]
    public void Read_OnlyName_DefaultsAndFirstSystemNameserver()
    {
        var s = Read(("name", "Example.test"));

        Assert.Equal(new DnsQuestion("Example.test.", DnsRecordType.A), s.Question);
        Assert.Equal("192.0.2.53", Assert.Single(s.Servers).Text);
        Assert.Equal(53, s.Servers[0].Port);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Timeout);
        Assert.Equal(0, s.ExpectRcode);
        Assert.True(s.Recursion);
        Assert.False(s.TcpOnly);
    }

    [Fact]
    public void Read_AllKeys_Parsed()
    {
        var s = Read(("name", "192.0.2.1"), ("type", "ptr"), ("server", "[::1]:5353"), ("server", "127.0.0.1"), ("timeout", "2s"), ("expect_rcode", "nxdomain"), ("recursion", "no"), ("tcp", "yes"));

        Assert.Equal("1.2.0.192.in-addr.arpa.", s.Question.Name);
        Assert.Equal(DnsRecordType.PTR, s.Question.Type);
        Assert.Equal([("::1", 5353), ("127.0.0.1", 53)], s.Servers.Select(x => (x.Host, x.Port)));
        Assert.Equal(TimeSpan.FromSeconds(2), s.Timeout);
        Assert.Equal(3, s.ExpectRcode);
        Assert.False(s.Recursion);
        Assert.True(s.TcpOnly);
    }

    [Fact]
    public void Read_NoServerAndNoNameserver_ErrorNamesResolvConf()
    {
        var config = TestConfig.Collector("dns", _dir.Path, ("name", "a.test"));
        var e = Assert.Throws<ConfigException>(() => DnsConfig.Read(config, _dir.File("empty.conf", "search x\n")));
        Assert.Contains("'server' is not given and", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty.conf names no nameserver", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type", "SRV", "test.conf:3: ", "must be one of A, AAAA, MX, TXT, NS, SOA, CNAME, PTR")]
    [InlineData("server", "[::1:53", "test.conf:3: ", "has '[' without ']'")]
    [InlineData("server", "127.0.0.1:99999", "test.conf:3: ", "is not a port")]
    [InlineData("server", "1:2:3", "test.conf:3: ", "is not an IPv6 address")]
    [InlineData("expect_rcode", "BOGUS", "test.conf:3: ", "must be an rcode name")]
    [InlineData("recursion", "maybe", "test.conf:3: ", "must be yes or no")]
    [InlineData("timeout", "0s", "test.conf:3: ", "must be more than zero")]
    public void Read_BadValue_ErrorWithFileAndLine(string key, string value, string location, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => Read(("name", "a.test"), (key, value)));
        Assert.StartsWith(location, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a..test", "label of 0 characters")]
    [InlineData("b\u00fccher.test", "plain ASCII")]
    [InlineData("has space.test", "plain ASCII")]
    public void Read_BadName_ErrorOnNameLine(string name, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => Read(("name", name)));
        Assert.StartsWith("test.conf:2: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingName_ErrorOnBlock()
    {
        var e = Assert.Throws<ConfigException>(() => Read(("type", "A")));
        Assert.Equal("test.conf:1: collector 'test' (module dns) needs 'name'", e.Message);
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1", 53)]
    [InlineData("192.0.2.1:5353", "192.0.2.1", 5353)]
    [InlineData("[2001:db8::1]:53", "2001:db8::1", 53)]
    [InlineData("2001:db8::1", "2001:db8::1", 53)]
    [InlineData("ns1.example:1053", "ns1.example", 1053)]
    public void Parse_ServerForms_HostAndPort(string text, string host, int port)
    {
        var s = DnsServer.Parse(text);
        Assert.Equal((text, host, port), (s.Text, s.Host, s.Port));
    }

    [Fact]
    public void Reverse_Ipv6_NibbleName()
    {
        Assert.Equal("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", DnsName.Reverse(System.Net.IPAddress.Parse("2001:db8::1")));
    }
}
