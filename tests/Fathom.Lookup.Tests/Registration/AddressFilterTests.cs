using System.Net;
using Fathom.Lookup.Registration;

namespace Fathom.Lookup.Tests.Registration;

public sealed class AddressFilterTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.10.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("192.0.2.7")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.7")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fc00::1")]
    [InlineData("2001:db8::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void IsInternal_InternalRanges_True(string address) => Assert.True(AddressFilter.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("198.124.252.10")]
    [InlineData("2001:400:201:1150::3")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.4.4")]
    public void IsInternal_PublicAddresses_False(string address) => Assert.False(AddressFilter.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public void Publishable_KeepsOrderDropsRepeatsAndScopes()
    {
        var all = new[] { IPAddress.Parse("8.8.8.8"), IPAddress.Parse("::ffff:8.8.8.8"), IPAddress.Parse("fe80::1%2"), IPAddress.Parse("10.0.0.1"), IPAddress.Parse("2606:4700::1111") };

        Assert.Equal([IPAddress.Parse("8.8.8.8"), IPAddress.Parse("2606:4700::1111")], AddressFilter.Publishable(all, allowInternal: false));
        Assert.Equal(["8.8.8.8", "fe80::1", "10.0.0.1", "2606:4700::1111"], AddressFilter.Publishable(all, allowInternal: true).Select(a => a.ToString()));
    }
}
