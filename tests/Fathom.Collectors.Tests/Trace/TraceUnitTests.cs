using Fathom.Collectors.Trace;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Trace;

/// <summary>Path comparison and trace settings, without the network.</summary>
public sealed class TraceUnitTests
{
    private static List<TraceHop> Path(params string?[] addresses) =>
        [.. addresses.Select((a, i) => new TraceHop(i + 1, a, a is null ? [] : [1.0], false))];

    [Fact]
    public void Differs_SameAddresses_False() => Assert.False(PathComparer.Differs(Path("a", "b", "c"), true, Path("a", "b", "c"), true));

    [Fact]
    public void Differs_OtherRouterInTheMiddle_True() => Assert.True(PathComparer.Differs(Path("a", "b", "c"), true, Path("a", "x", "c"), true));

    [Fact]
    public void Differs_OneMoreHopBothEnded_True() => Assert.True(PathComparer.Differs(Path("a", "c"), true, Path("a", "b", "c"), true));

    [Fact]
    public void Differs_SilentHopInOneRun_False() => Assert.False(PathComparer.Differs(Path("a", null, "c"), true, Path("a", "b", "c"), true));

    [Fact]
    public void Differs_DestinationSilentThisRun_False() => Assert.False(PathComparer.Differs(Path("a", "b", "c"), true, Path("a", "b"), false));

    [Fact]
    public void Differs_AnswerPastTheKnownEnd_True() => Assert.True(PathComparer.Differs(Path("a", "b"), true, Path("a", "b", "x"), false));

    [Fact]
    public void Update_HoleThenFullThenChange_NoHoleStoredAndChangeShowsFullOldPath()
    {
        var history = new PathHistory();
        Assert.Null(history.Update("t", Path("a", "b", "c"), true));
        Assert.Null(history.Update("t", Path("a", null, "c"), true));
        Assert.Null(history.Update("t", Path("a", "b", null), false));

        var old = history.Update("t", Path("a", "x", "c"), true);

        Assert.NotNull(old);
        Assert.Equal(["a", "b", "c"], old.Select(h => h.Address));
    }

    [Fact]
    public void Update_FirstRunWithHoleLaterFilled_ChangeComparesFilledPath()
    {
        var history = new PathHistory();
        Assert.Null(history.Update("t", Path(null, "b", "c"), true));
        Assert.Null(history.Update("t", Path("a", "b", "c"), true));

        Assert.Equal(["a", "b", "c"], history.Update("t", Path("a", "y", "c"), true)!.Select(h => h.Address));
    }

    [Fact]
    public void Update_RouteChangedWithHole_ChangeOnceThenHoleFilled()
    {
        var history = new PathHistory();
        history.Update("t", Path("a", "b", "c"), true);
        Assert.NotNull(history.Update("t", Path("a", "x", null, "d"), true));

        var next = history.Update("t", Path("a", "x", "y", "d"), true);

        Assert.Null(next);
    }

    [Theory]
    [InlineData("protocol", "tcp", "must be one of udp, icmp")]
    [InlineData("max_hops", "0", "between 1 and 255")]
    [InlineData("queries", "11", "between 1 and 10")]
    [InlineData("probe_timeout", "0", "must be at least 10 ms")]
    [InlineData("probe_timeout", "5ms", "must be at least 10 ms")]
    [InlineData("interval", "1", "must fit in the collector's timeout")]
    public void Init_BadValue_ErrorWithFileAndLine(string key, string value, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => new TraceCollector().Init(TestConfig.Collector("trace", "/tmp", ("target", "198.18.0.1"), (key, value))));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("test.conf:3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_Defaults_UdpThirtyHopsThreeQueries()
    {
        var s = TraceSettings.Read(TestConfig.Collector("trace", "/tmp", ("target", "198.18.0.1")));
        Assert.Equal((30, 3, false, TimeSpan.FromSeconds(1)), (s.MaxHops, s.Queries, s.Icmp, s.ProbeTimeout));
    }
}
