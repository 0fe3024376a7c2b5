using Fathom.Collectors.Common.Snmp;

namespace Fathom.Collectors.Tests.Snmp;

public sealed class OidTests
{
    [Theory]
    [InlineData("1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.1.0")]
    [InlineData(".1.3.6.1.2.1.2.2.1.8.1", "1.3.6.1.2.1.2.2.1.8.1")]
    [InlineData("2.999.4294967295", "2.999.4294967295")]
    public void Parse_Valid_RoundTripsToString(string text, string expected) =>
        Assert.Equal(expected, Oid.Parse(text).ToString());

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1", "at least two arcs")]
    [InlineData("1.3..6", "'' is not a number")]
    [InlineData("1.3.x", "'x' is not a number")]
    [InlineData("1.3.4294967296", "'4294967296' is not a number")]
    [InlineData("3.1", "first arc is 3")]
    [InlineData("1.40", "second arc is 40")]
    [InlineData("1.3.-1", "'-1' is not a number")]
    public void TryParse_Invalid_SaysWhy(string text, string reason)
    {
        Assert.False(Oid.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains(reason, Assert.Throws<FormatException>(() => Oid.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareTo_IsArcByArc_NotTextual()
    {
        var sorted = new[] { "1.3.6.1.2.1.2.2.1.10.10", "1.3.6.1.2.1.2.2.1.10.2", "1.3.6.1.2.1.2.2.1.10", "1.3.6.1.2.1.2.2.1.9.1" }
            .Select(Oid.Parse).Order().Select(o => o.ToString()).ToList();

        Assert.Equal(["1.3.6.1.2.1.2.2.1.9.1", "1.3.6.1.2.1.2.2.1.10", "1.3.6.1.2.1.2.2.1.10.2", "1.3.6.1.2.1.2.2.1.10.10"], sorted);
    }

    [Fact]
    public void TryGetSuffix_OneArcBelowPrefix_GivesIt()
    {
        var column = Oid.Parse("1.3.6.1.2.1.2.2.1.8");

        Assert.True(column.Append(7).TryGetSuffix(column, out var index));
        Assert.Equal(7u, index);
        Assert.False(column.Append(7).Append(1).TryGetSuffix(column, out _));
        Assert.False(Oid.Parse("1.3.6.1.2.1.2.2.1.9.7").TryGetSuffix(column, out _));
        Assert.True(column.Append(Oid.Parse("1.2")).StartsWith(column));
        Assert.Equal(12, column.Append(Oid.Parse("1.2")).Length);
    }

    [Fact]
    public void Equality_AndHash_FollowArcs()
    {
        Assert.Equal(Oid.Parse("1.3.6.1"), Oid.Parse(".1.3.6.1"));
        Assert.Equal(Oid.Parse("1.3.6.1").GetHashCode(), Oid.Parse(".1.3.6.1").GetHashCode());
        Assert.NotEqual(Oid.Parse("1.3.6.1"), Oid.Parse("1.3.6.1.0"));
        Assert.Equal(0, default(Oid).Length);
    }
}
