using Fathom.Collectors.Tcp;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Tcp;

public sealed class TcpConfigTests
{
    private static ConfigException Fails(params (string Key, string Value)[] settings) =>
        Assert.Throws<ConfigException>(() => new TcpCollector().Init(TestConfig.Collector("tcp", "/tmp", settings)));

    [Fact]
    public void Init_NoTarget_ErrorAtBlockLine()
    {
        var e = Fails(("tls", "no"));
        Assert.StartsWith("test.conf:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 'target'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_PortOutOfRange_ErrorAtTargetLine()
    {
        var e = Fails(("target", "127.0.0.1:80"), ("target", "127.0.0.1:70000"));
        Assert.StartsWith("test.conf:2:", e.Message, StringComparison.Ordinal);
        Assert.Contains("port '70000' in '127.0.0.1:70000' must be a number from 1 to 65535", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_UnbracketedIPv6_ErrorAtTargetLine()
    {
        var e = Fails(("target", "::1:80"));
        Assert.StartsWith("test.conf:2:", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs brackets", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_ServerNameWithoutTls_ErrorAtItsLine()
    {
        var e = Fails(("target", "127.0.0.1:80"), ("server_name", "example.org"));
        Assert.StartsWith("test.conf:3:", e.Message, StringComparison.Ordinal);
        Assert.Contains("only used with tls yes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_BadTimeoutAndBool_ErrorsAtTheirLines()
    {
        var timeout = Fails(("target", "127.0.0.1:80"), ("timeout", "soon"));
        Assert.StartsWith("test.conf:3:", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("must be a duration", timeout.Message, StringComparison.Ordinal);
        var tls = Fails(("target", "127.0.0.1:80"), ("tls", "maybe"));
        Assert.Contains("must be yes or no", tls.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_ValidKeys_Accepted()
    {
        new TcpCollector().Init(TestConfig.Collector("tcp", "/tmp", ("target", "[::1]:443"), ("target", "example.org:443"), ("tls", "yes"), ("server_name", "example.org"), ("insecure", "yes"), ("timeout", "2s")));
        Assert.Contains(BuiltinCollectors.All, d => d.Module == "tcp" && d.Accepts("server_name") && d.Accepts("timeout"));
    }
}
