using Fathom.Collectors.Status;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Tests.Status;

public sealed class StatusCollectorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Runner Start(string body, TimeSpan? timeout = null)
    {
        var collector = new StatusCollector();
        collector.Init(StatusBlock.Parse(_dir.Path, body, timeout));
        return new Runner(collector);
    }

    private static string ScriptAgent(string statusType, string command, string extra = "") => $"""
            <agent>
                type script
                status_type {statusType}
                command {command}
                {extra}
            </agent>
        """;

    private static string Constant(string statusType, string value) => $"""
            <agent>
                type constant
                status_type {statusType}
                value {value}
            </agent>
        """;

    private static StatusRecord Only(Runner r, string element) => Assert.Single(r.Sink.Statuses(), s => s.Element == element);

    [Fact]
    public async Task CollectAsync_ScriptBothFormats_FoldedWorstWinsPerKind()
    {
        _dir.Script("oper.sh", "echo \"$(date +%s),degraded\"");
        _dir.Script("both.sh", "echo '1700000000.5,up,maintenance'");
        var r = Start($"""
            <element>
                id link-a
            {ScriptAgent("oper", "./oper.sh")}
            {ScriptAgent("oper/admin", "./both.sh")}
            </element>
            """);

        await r.RunAsync();

        var s = Only(r, "link-a");
        Assert.Equal(("degraded", "maintenance"), (s.Oper, s.Admin));
        Assert.Equal(r.Context.SampleTimeUnixNs(), s.TimeUnixNs);
        Assert.DoesNotContain(r.Logger.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task CollectAsync_SeveralIds_OneRecordPerIdWithTheElementsStatus()
    {
        var r = Start($"""
            <element>
                id a
                id b
                id c
            {Constant("oper", "down")}
            </element>
            <element>
                id d
            {Constant("admin", "troubleshooting")}
            </element>
            """);

        await r.RunAsync();

        Assert.Equal(["a", "b", "c", "d"], r.Sink.Statuses().Select(s => s.Element));
        Assert.All(r.Sink.Statuses().Take(3), s => Assert.Equal(("down", (string?)null), (s.Oper, s.Admin)));
        Assert.Equal(("unknown", "troubleshooting"), (Only(r, "d").Oper, Only(r, "d").Admin));
    }

    [Theory]
    [InlineData("echo 'garbage here'", "line 1 'garbage here': 1 field(s) where status_type oper/admin needs time,oper,admin")]
    [InlineData("echo '1700000000,up,closed'", "line 1 '1700000000,up,closed': unknown administrative state 'closed'")]
    [InlineData("echo 'soon,up,maintenance'", "invalid time 'soon'")]
    [InlineData("echo '1700000000,up'", "2 field(s) where status_type oper/admin needs time,oper,admin")]
    [InlineData("echo '# only a comment'", "printed no status line")]
    [InlineData("echo '1700000000,up,maintenance'; echo '1700000001,down,maintenance'", "printed 2 status lines; one is expected")]
    [InlineData("echo '1700000000,up,maintenance'; echo 'card missing' >&2; exit 3", "ended with exit code 3; stderr: card missing")]
    [InlineData("kill -9 $$", "ended with killed by signal 9 (SIGKILL)")]
    public async Task CollectAsync_FailingScript_UnknownBesideTheOthersAndReasonLogged(string body, string reason)
    {
        _dir.Script("bad.sh", body);
        var r = Start($"""
            <element>
                id e1
            {ScriptAgent("oper/admin", "./bad.sh")}
            {Constant("oper/admin", "up,normaloperation")}
            </element>
            """);

        await r.RunAsync();

        Assert.Equal(("unknown", "unknown"), (Only(r, "e1").Oper, Only(r, "e1").Admin));
        var warning = Assert.Single(r.Warnings);
        Assert.StartsWith($"script agent at {_dir.Path}/status.conf:5 of element 'e1' reads unknown: ", warning, StringComparison.Ordinal);
        Assert.Contains(reason, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_FailingOperAgent_AdminStillFromTheOthers()
    {
        _dir.Script("bad.sh", "exit 1");
        var r = Start($"""
            <element>
                id e1
            {ScriptAgent("oper", "./bad.sh")}
            {Constant("admin", "maintenance")}
            </element>
            """);

        await r.RunAsync();

        Assert.Equal(("unknown", "maintenance"), (Only(r, "e1").Oper, Only(r, "e1").Admin));
    }

    [Fact]
    public async Task CollectAsync_ScriptTimesOut_UnknownGroupKilledWithinTheRun()
    {
        var pidFile = Path.Combine(_dir.Path, "child.pid");
        _dir.Script("slow.sh", $"sleep 60 & echo $! > {pidFile}; wait");
        var r = Start($"""
            <element>
                id slow
            {ScriptAgent("oper", "./slow.sh", "timeout 300ms")}
            </element>
            """, TimeSpan.FromSeconds(5));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await r.RunAsync();

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.Equal("unknown", Only(r, "slow").Oper);
        Assert.Contains(r.Warnings, w => w.Contains("timed out after 0.3 s (its process group was killed)", StringComparison.Ordinal));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => !Poll.IsAlive(pid)), $"the script's background child {pid} outlived the poll");
    }

    [Fact]
    public async Task CollectAsync_TwoRuns_SecondRecordNamesTheFirstAsPrevious()
    {
        var r = Start($"""
            <element>
                id a
                id b
            {Constant("oper", "up")}
            </element>
            """);

        await r.RunAsync();
        var first = r.Sink.Statuses().ToList();
        ((Fathom.TestSupport.FakeTimeProvider)r.Context.Time).Advance(TimeSpan.FromSeconds(15));
        await r.RunAsync();
        var second = r.Sink.Statuses().Skip(2).ToList();

        Assert.All(first, s => Assert.Equal(0, s.PreviousUnixNs));
        Assert.Equal(first.Select(s => (long?)s.TimeUnixNs), second.Select(s => s.PreviousUnixNs));
        Assert.All(second, s => Assert.Equal(first[0].TimeUnixNs + 15_000_000_000, s.TimeUnixNs));
    }
}
