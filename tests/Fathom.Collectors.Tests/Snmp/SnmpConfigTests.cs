using Fathom.Collectors.Snmp;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Snmp;

public sealed class SnmpConfigTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private SnmpSettings Read(params (string Key, string Value)[] settings) =>
        SnmpConfig.Read(TestConfig.Collector("snmp", _dir.Path, settings));

    private string Error(params (string Key, string Value)[] settings) =>
        Assert.Throws<ConfigException>(() => Read(settings)).Message;

    [Fact]
    public void Read_Minimal_Defaults()
    {
        var s = Read(("address", "127.0.0.1"), ("community", "public"), ("interface", "lo"));

        Assert.Equal(("127.0.0.1", 161, "public", 1), (s.Address, s.Port, s.Community, s.Retries));
        // The run's default timeout (15 s) shared by 2 tries, within 80% of it.
        Assert.Equal(TimeSpan.FromSeconds(15 * 0.8 / 2), s.Timeout);
        Assert.Equal("lo", Assert.Single(s.Interfaces).Text);
        Assert.False(s.CheckAllInterfaces);
    }

    [Fact]
    public void Read_AllKeys_Parsed()
    {
        var s = Read(("address", "agent.example"), ("port", "1161"), ("community", "c"), ("version", "2C"), ("retries", "3"),
            ("interface", "eth0"), ("interface", "7"), ("oid", "uptime .1.3.6.1.2.1.1.3.0 count"), ("oid", "procs 1.3.6.1.2.1.25.1.6.0 count"));

        Assert.Equal(1161, s.Port);
        Assert.Equal(3, s.Retries);
        Assert.Equal([("eth0", null), ("7", 7u)], s.Interfaces.Select(i => (i.Text, i.Index)));
        Assert.Equal(["snmp.uptime", "snmp.procs"], s.Extras.Select(e => e.Measurement));
        Assert.Equal("1.3.6.1.2.1.1.3.0", s.Extras[0].Oid.ToString());
    }

    [Fact]
    public void Read_CommunityFile_TrimmedAndNeverInErrors()
    {
        var file = _dir.File("community", "  s3cret\n");

        Assert.Equal("s3cret", Read(("address", "127.0.0.1"), ("community_file", file), ("interface", "lo")).Community);
        var both = Error(("address", "127.0.0.1"), ("community", "other"), ("community_file", file), ("interface", "lo"));
        Assert.DoesNotContain("s3cret", both, StringComparison.Ordinal);
        Assert.DoesNotContain("other", both, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CommunityFileMissing_ErrorAtItsLine() =>
        Assert.StartsWith("test.conf:3: 'community_file' cannot read", Error(("address", "127.0.0.1"), ("community_file", "nope"), ("interface", "lo")), StringComparison.Ordinal);

    [Fact]
    public void Read_CommunityFileEmpty_ErrorAtItsLine() =>
        Assert.StartsWith("test.conf:3: 'community_file' '", Error(("address", "127.0.0.1"), ("community_file", _dir.File("empty", " \n\t\n")), ("interface", "lo")), StringComparison.Ordinal);

    [Fact]
    public void Read_NoCommunity_ErrorNamesBothKeys() =>
        Assert.Contains("needs 'community' or 'community_file'", Error(("address", "127.0.0.1"), ("interface", "lo")), StringComparison.Ordinal);

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("2")]
    public void Read_OtherVersion_ErrorNamesTheSupportedOne(string version) =>
        Assert.Equal($"test.conf:5: 'version' must be 2c (the only SNMP version supported), not '{version}'",
            Error(("address", "127.0.0.1"), ("community", "public"), ("interface", "lo"), ("version", version)));

    [Theory]
    [InlineData("uptime 1.3.6.1.2.1.1.3.0", "takes NAME OID UNIT")]
    [InlineData("Uptime 1.3.6.1.2.1.1.3.0 count", "name 'Uptime' must be")]
    [InlineData("if.x 1.3.6.1.2.1.1.3.0 count", "name 'if.x' must be")]
    [InlineData("uptime 1.3.x.1 count", "'1.3.x.1' is not a numeric OID")]
    [InlineData("uptime 1.3.6.1.2.1.1.3.0 ticks", "unit must be one of")]
    public void Read_BadOid_ErrorAtItsLine(string oid, string problem) =>
        Assert.StartsWith($"test.conf:4: 'oid' {problem}", Error(("address", "127.0.0.1"), ("community", "public"), ("oid", oid)), StringComparison.Ordinal);

    [Fact]
    public void Read_InterfaceTwice_Error() =>
        Assert.Equal("test.conf:4: 'interface' 'lo' is listed twice", Error(("address", "127.0.0.1"), ("community", "public"), ("interface", "lo"), ("interface", "lo")));

    [Fact]
    public void Read_InterfaceWithCheckAll_Error() =>
        Assert.StartsWith("test.conf:5: 'interface' is not used with check_all_interfaces yes", Error(("address", "127.0.0.1"), ("community", "public"), ("check_all_interfaces", "yes"), ("interface", "lo")), StringComparison.Ordinal);

    [Fact]
    public void Read_NothingToPoll_Error() =>
        Assert.Contains("needs 'interface', 'oid' or 'check_all_interfaces'", Error(("address", "127.0.0.1"), ("community", "public")), StringComparison.Ordinal);

    [Fact]
    public void Read_CheckAllAlone_Accepted() =>
        Assert.True(Read(("address", "127.0.0.1"), ("community", "public"), ("check_all_interfaces", "yes")).CheckAllInterfaces);

    [Theory]
    [InlineData("-bad-")]
    [InlineData("a b")]
    [InlineData("a/b")]
    public void Read_BadAddress_Error(string address) =>
        Assert.StartsWith("test.conf:2: 'address' must be a host name or an IP address", Error(("address", address), ("community", "public"), ("interface", "lo")), StringComparison.Ordinal);
}
