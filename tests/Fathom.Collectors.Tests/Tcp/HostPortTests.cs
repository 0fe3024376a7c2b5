using Fathom.Collectors.Tcp;

namespace Fathom.Collectors.Tests.Tcp;

public sealed class HostPortTests
{
    [Theory]
    [InlineData("127.0.0.1:80", "127.0.0.1", 80, "127.0.0.1:80")]
    [InlineData("[::1]:443", "::1", 443, "[::1]:443")]
    [InlineData("example.org:65535", "example.org", 65535, "example.org:65535")]
    [InlineData("localhost:1", "localhost", 1, "localhost:1")]
    public void TryParse_ValidTargets_HostPortAndDisplay(string text, string host, int port, string display)
    {
        Assert.True(HostPort.TryParse(text, out var value, out var problem), problem);
        Assert.Equal(host, value.Host);
        Assert.Equal(port, value.Port);
        Assert.Equal(display, value.Display);
    }

    [Theory]
    [InlineData("example.org", "needs a port")]
    [InlineData("example.org:0", "from 1 to 65535")]
    [InlineData("example.org:65536", "from 1 to 65535")]
    [InlineData("example.org:http", "from 1 to 65535")]
    [InlineData("::1:80", "needs brackets")]
    [InlineData("[::1]80", "must be [IPv6]:port")]
    [InlineData("[127.0.0.1]:80", "is not an IPv6 address")]
    [InlineData(":80", "is not a host name")]
    [InlineData("bad host:80", "is not a host name")]
    public void TryParse_InvalidTargets_ProblemSaysWhy(string text, string expected)
    {
        Assert.False(HostPort.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
