using Fathom.Collectors.Throughput;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Throughput;

public sealed class ThroughputConfigTests
{
    private static ThroughputSettings Read(params (string Key, string Value)[] settings) =>
        ThroughputConfig.Read(TestConfig.Collector("throughput", "/etc/fathom", settings));

    [Fact]
    public void Read_OnlyTarget_Defaults()
    {
        var s = Read(("target", "iperf.example"));

        Assert.Equal(new ThroughputSettings("iperf.example", 5201, TimeSpan.FromSeconds(10), 1, false, false, null, null, TimeSpan.FromSeconds(13.5)), s);
        Assert.Equal(["-c", "iperf.example", "-p", "5201", "-t", "10", "-P", "1", "-J"], s.Arguments());
    }

    [Fact]
    public void Read_ShortTestAndRelativeIperf3_TimeoutIsDurationPlus10AndPathResolved()
    {
        var s = Read(("target", "192.0.2.1"), ("duration", "2"), ("iperf3", "bin/iperf3"), ("udp", "yes"));

        Assert.Equal(TimeSpan.FromSeconds(12), s.Timeout);
        Assert.Equal("/etc/fathom/bin/iperf3", s.Iperf3);
        Assert.Equal(["-c", "192.0.2.1", "-p", "5201", "-t", "2", "-P", "1", "-u", "-J"], s.Arguments());
    }

    [Theory]
    [InlineData("duration", "1500ms", "test.conf:3: ", "must be a whole number of seconds")]
    [InlineData("duration", "30s", "test.conf:3: ", "leaves iperf3 no time to finish")]
    [InlineData("timeout", "5s", "test.conf:3: ", "a 10 s test needs a timeout")]
    [InlineData("streams", "0", "test.conf:3: ", "must be between 1 and 128")]
    [InlineData("port", "70000", "test.conf:3: ", "must be between 1 and 65535")]
    [InlineData("bandwidth", "lots", "test.conf:3: ", "must be a rate in bits/s")]
    [InlineData("reverse", "sometimes", "test.conf:3: ", "must be yes or no")]
    public void Read_BadValue_ErrorWithFileAndLine(string key, string value, string location, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => Read(("target", "192.0.2.1"), (key, value)));
        Assert.StartsWith(location, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-s")]
    [InlineData("two words")]
    public void Read_BadTarget_Error(string target)
    {
        var e = Assert.Throws<ConfigException>(() => Read(("target", target)));
        Assert.StartsWith("test.conf:2: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoTarget_ErrorOnBlock()
    {
        var e = Assert.Throws<ConfigException>(() => Read(("duration", "1")));
        Assert.Equal("test.conf:1: collector 'test' (module throughput) needs 'target'", e.Message);
    }
}
