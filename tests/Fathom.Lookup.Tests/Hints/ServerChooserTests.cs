using Fathom.Lookup.Hints;
using Fathom.Lookup.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Lookup.Tests.Hints;

/// <summary>The chooser's choice and hysteresis with scripted latencies and a fake clock.</summary>
public sealed class ServerChooserTests
{
    private static readonly Uri A = new("http://ls-a.example.net:8090/lookup/records");
    private static readonly Uri B = new("http://ls-b.example.net:8090/lookup/records");
    private static readonly Uri C = new("http://ls-c.example.net:8090/lookup/records");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ScriptedProber _prober = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger _logger = new();
    private readonly ServerChooser _chooser;

    public ServerChooserTests() => _chooser = new ServerChooser(_prober, _time, _logger);

    private static IReadOnlyList<HintHost> Hosts(params (Uri Locator, HintStatus Status)[] hosts) =>
        [.. hosts.Select((h, i) => new HintHost(h.Locator, h.Status, i))];

    private static readonly IReadOnlyList<HintHost> AllAlive = Hosts((A, HintStatus.Alive), (B, HintStatus.Alive), (C, HintStatus.Alive));

    private Task<Uri?> Check(IReadOnlyList<HintHost>? hosts = null) => _chooser.ChooseAsync(hosts ?? AllAlive, CancellationToken.None).WaitAsync(Timeout);

    [Fact]
    public async Task Choose_First_LowestLatencyAlive()
    {
        _prober.Set(A, 30).Set(B, 10).Set(C, 20);

        Assert.Equal(B, await Check());
        Assert.Equal(_time.GetUtcNow(), _chooser.CurrentSince);
        Assert.Equal(10, _chooser.LastLatencies[B]!.Value.TotalMilliseconds);
    }

    [Fact]
    public async Task Choose_OnlyAliveServersProbed()
    {
        _prober.Set(A, 30).Set(B, 1).Set(C, 1);

        Assert.Equal(A, await Check(Hosts((A, HintStatus.Alive), (B, HintStatus.Unreachable), (C, HintStatus.Unknown))));
        Assert.Equal(1, _prober.Probes);
    }

    [Fact]
    public async Task Choose_EqualLatency_LowerPriorityWins()
    {
        _prober.Set(A, 10).Set(B, 10);

        Assert.Equal(B, await Check([new HintHost(A, HintStatus.Alive, 5), new HintHost(B, HintStatus.Alive, 1)]));
    }

    [Fact]
    public async Task Choose_BetterServerAppears_SwitchesOnlyOnThirdWorseCheck()
    {
        _prober.Set(A, 10).Set(B, 50).Set(C, 50);
        Assert.Equal(A, await Check());

        _prober.Set(B, 5); // A is now 100% and 5 ms worse than B
        Assert.Equal(A, await Check());
        Assert.Equal(A, await Check());
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(B, await Check());
        Assert.Equal(_time.GetUtcNow(), _chooser.CurrentSince);
        Assert.Contains(_logger.Entries, e => e.Message.Contains($"lookup server {B} chosen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choose_WorseStreakBroken_CountStartsAgain()
    {
        _prober.Set(A, 10).Set(B, 50).Set(C, 50);
        await Check();

        _prober.Set(B, 5);
        await Check();
        await Check();
        _prober.Set(B, 9.5); // one check where B is not enough better
        Assert.Equal(A, await Check());
        _prober.Set(B, 5);
        Assert.Equal(A, await Check());
        Assert.Equal(A, await Check());
        Assert.Equal(B, await Check());
    }

    [Theory]
    [InlineData(11.5, 10.0)] // 15% worse, 1.5 ms: not 20%
    [InlineData(1.9, 1.0)] // 90% worse but only 0.9 ms
    public async Task Choose_WorseWithinMargin_NeverSwitches(double currentMs, double otherMs)
    {
        _prober.Set(A, 1).Set(B, 50).Set(C, 50);
        Assert.Equal(A, await Check());

        _prober.Set(A, currentMs).Set(B, otherMs);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(A, await Check());
        }
    }

    [Fact]
    public async Task Choose_CurrentStopsAnswering_SwitchesAtOnce()
    {
        _prober.Set(A, 10).Set(B, 20).Set(C, 30);
        Assert.Equal(A, await Check());

        _prober.Set(A, null);

        Assert.Equal(B, await Check());
    }

    [Fact]
    public async Task Choose_CurrentNoLongerAliveInHints_SwitchesAtOnce()
    {
        _prober.Set(A, 10).Set(B, 20).Set(C, 30);
        Assert.Equal(A, await Check());

        Assert.Equal(B, await Check(Hosts((A, HintStatus.Unreachable), (B, HintStatus.Alive), (C, HintStatus.Alive))));
    }

    [Fact]
    public async Task Choose_NoneAnswers_NullAndWarned()
    {
        _prober.Set(A, 10);
        Assert.Equal(A, await Check());
        _prober.Set(A, null);

        Assert.Null(await Check());
        Assert.Null(_chooser.Current);
        Assert.Contains(_logger.Entries, e => e.Message.Contains("none of the 3 alive lookup servers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choose_NoneAlive_NullAndWarned()
    {
        Assert.Null(await Check(Hosts((A, HintStatus.Unreachable))));
        Assert.Contains(_logger.Entries, e => e.Message.Contains("none of them alive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choose_CustomHysteresis_Honoured()
    {
        var chooser = new ServerChooser(_prober, _time, _logger, new ChooserOptions { ChecksBeforeSwitch = 1 });
        _prober.Set(A, 10).Set(B, 50);
        Assert.Equal(A, await chooser.ChooseAsync(AllAlive, CancellationToken.None).WaitAsync(Timeout));

        _prober.Set(B, 5);

        Assert.Equal(B, await chooser.ChooseAsync(AllAlive, CancellationToken.None).WaitAsync(Timeout));
    }
}
