using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

public sealed class InterfaceResolverTests
{
    private static readonly Dictionary<uint, string> Names = new() { [1] = "lo", [2] = "eth0", [7] = "eth1" };
    private static readonly Dictionary<uint, string> Descrs = new() { [1] = "lo", [2] = "Intel 82540EM", [7] = "Intel 82574L", [9] = "Old NIC" };

    [Fact]
    public void Resolve_IfName_FoundWithIfNameColumn() =>
        Assert.Equal((7u, "eth1", IfField.Name), InterfaceResolver.Resolve(InterfaceSpec.Parse("eth1"), new InterfaceNames(Names, Descrs)));

    [Fact]
    public void Resolve_IfDescr_FoundAndNamedByIfName() =>
        Assert.Equal((2u, "eth0", IfField.Name), InterfaceResolver.Resolve(InterfaceSpec.Parse("Intel 82540EM"), new InterfaceNames(Names, Descrs)));

    [Fact]
    public void Resolve_OnlyInIfDescr_NamedByIfDescr() =>
        Assert.Equal((9u, "Old NIC", IfField.Descr), InterfaceResolver.Resolve(InterfaceSpec.Parse("Old NIC"), new InterfaceNames(Names, Descrs)));

    [Fact]
    public void Resolve_IfIndex_NamedByIfName() =>
        Assert.Equal((2u, "eth0", IfField.Name), InterfaceResolver.Resolve(InterfaceSpec.Parse("2"), new InterfaceNames(Names, Descrs)));

    [Fact]
    public void Resolve_UnknownNameOrIndex_Null()
    {
        Assert.Null(InterfaceResolver.Resolve(InterfaceSpec.Parse("eth9"), new InterfaceNames(Names, Descrs)));
        Assert.Null(InterfaceResolver.Resolve(InterfaceSpec.Parse("42"), new InterfaceNames(Names, Descrs)));
    }

    [Fact]
    public void Resolve_IfNameBeatsAnotherRowsIfDescr()
    {
        var names = new Dictionary<uint, string> { [3] = "uplink" };
        var descrs = new Dictionary<uint, string> { [1] = "uplink", [3] = "ge-0/0/1" };

        Assert.Equal((3u, "uplink", IfField.Name), InterfaceResolver.Resolve(InterfaceSpec.Parse("uplink"), new InterfaceNames(names, descrs)));
    }

    [Fact]
    public void Resolve_SameNameTwice_LowestIndex() =>
        Assert.Equal(4u, InterfaceResolver.Resolve(InterfaceSpec.Parse("x"), new InterfaceNames(new Dictionary<uint, string> { [9] = "x", [4] = "x" }, new Dictionary<uint, string>()))?.Index);

    [Theory]
    [InlineData("12", 12u)]
    [InlineData("eth0", null)]
    [InlineData("0", null)]
    [InlineData("99999999999", null)]
    public void Parse_DigitsAreAnIndex(string text, uint? index) => Assert.Equal(index, InterfaceSpec.Parse(text).Index);
}
