using System.Globalization;
using Fathom.Collectors.Script;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Tests.Script;

public sealed class ScriptCollectorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Runner Start(string body, params (string Key, string Value)[] settings)
    {
        _dir.Script("probe.sh", body);
        return Runner.Init(new ScriptCollector(), _dir.Path, [("command", "./probe.sh"), .. settings]);
    }

    [Fact]
    public async Task CollectAsync_InfluxLines_SeriesPerFieldWithTagsAndTimestamps()
    {
        var r = Start("""
            echo 'disk,dev=sda used=1,free=2 1700000000000000000'
            echo 'cpu load=0.5'
            """);
        await r.RunAsync();

        var used = Assert.Single(r.Sink.Samples("disk.used"));
        Assert.Equal(1, used.Value);
        Assert.Equal(1700000000000000000, used.TimeUnixNs);
        Assert.Equal([new("collector", "test"), new("dev", "sda")], used.Series.Tags);
        Assert.Equal(2, Assert.Single(r.Sink.Samples("disk.free")).Value);
        var load = Assert.Single(r.Sink.Samples("cpu.load"));
        Assert.Equal(r.Context.NowUnixNs(), load.TimeUnixNs);
        Assert.Equal(0, r.Context.Problems);
    }

    [Fact]
    public async Task CollectAsync_EscapesAndFieldTypes_ParsedAndStringFieldReported()
    {
        var r = Start("""
            echo 'my\ m,k\,1=v\ 2\=x i=-3i,u=7u,f=1.5e3,t=t,b=FALSE,s="a, \"b\"",c=TRUE'
            """);
        await r.RunAsync();

        Assert.Equal("v 2=x", Assert.Single(r.Sink.Samples("my m.i")).Series.Tag("k,1"));
        Assert.Equal(-3, r.Value("my m.i"));
        Assert.Equal(7, r.Value("my m.u"));
        Assert.Equal(1500, r.Value("my m.f"));
        Assert.Equal(1, r.Value("my m.t"));
        Assert.Equal(0, r.Value("my m.b"));
        Assert.Equal(1, r.Value("my m.c"));
        Assert.Empty(r.Sink.Samples("my m.s"));
        Assert.Equal(1, r.Context.Problems);
        Assert.Contains(r.Warnings, w => w.Contains("line 1: field 's' is a string", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_BadLines_ReportedWithLineNumbersGoodLinesKept()
    {
        var r = Start("""
            echo '# a comment'
            echo 'good a=1'
            echo ''
            echo 'bad'
            echo 'good b=2'
            echo 'worse x=oops'
            """);
        await r.RunAsync();

        Assert.Equal(1, r.Value("good.a"));
        Assert.Equal(2, r.Value("good.b"));
        Assert.Equal(2, r.Context.Problems);
        Assert.Contains(r.Warnings, w => w.Contains("line 4: no fields", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Contains("line 6: field 'x' has an invalid value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_StatusFormat_BothShapesAndBadValues()
    {
        var r = Start("""
            echo '1700000000,UP'
            echo '1700000001, degraded , Maintenance'
            echo '1700000002,sideways'
            echo '1700000003,up,napping'
            echo 'yesterday,up'
            echo '1,2,3,4'
            echo '1700000009,down,NormalOperation'
            """, ("format", "status"), ("element", "link-a"));
        await r.RunAsync();

        var statuses = r.Sink.Statuses();
        Assert.Equal(3, statuses.Count);
        // Each names the run's previous status of the element (0 for the first), so the archive extends ranges only within the run.
        Assert.Equal(new("link-a", 1700000000L * 1_000_000_000, "up", null) { PreviousUnixNs = 0 }, statuses[0]);
        Assert.Equal(new("link-a", 1700000001L * 1_000_000_000, "degraded", "maintenance") { PreviousUnixNs = 1700000000L * 1_000_000_000 }, statuses[1]);
        Assert.Equal(("down", "normaloperation"), (statuses[2].Oper, statuses[2].Admin));
        Assert.Equal(4, r.Context.Problems);
        Assert.Contains(r.Warnings, w => w.Contains("line 3: invalid operational status 'sideways'", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Contains("line 4: invalid administrative status 'napping'", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Contains("line 5: invalid time 'yesterday'", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Contains("line 6: expected time,status", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_StatusFormatWithoutElement_UsesCollectorId()
    {
        var r = Start("echo '1700000000,down'", ("format", "status"));
        await r.RunAsync();
        Assert.Equal("test", Assert.Single(r.Sink.Statuses()).Element);
    }

    [Fact]
    public async Task CollectAsync_RelativeCommandInSubfolder_ResolvedAgainstBaseDir()
    {
        _dir.Script("bin/probe.sh", "echo 'sub ok=1'");
        var r = Runner.Init(new ScriptCollector(), _dir.Path, ("command", "bin/probe.sh"));
        await r.RunAsync();
        Assert.Equal(1, r.Value("sub.ok"));
    }

    [Fact]
    public async Task CollectAsync_QuotedArgumentsEnvironmentAndCwd_ReachTheScriptAndStderrIsLogged()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "work"));
        var r = Start("""
            for a in "$@"; do echo "arg[$a]" >&2; done
            echo "env[$FATHOM_A] cwd[$(pwd)]" >&2
            """,
            ("arguments", """one "two words" 'three $x' four\ five"""),
            ("environment", "FATHOM_A=x=y"),
            ("working_directory", "work"));
        await r.RunAsync();

        var stderr = r.Warnings.Where(w => w.Contains("stderr: ", StringComparison.Ordinal)).Select(w => w[(w.IndexOf("stderr: ", StringComparison.Ordinal) + 8)..]).ToList();
        Assert.Equal(["arg[one]", "arg[two words]", "arg[three $x]", "arg[four five]", $"env[x=y] cwd[{_dir.Path}/work]"], stderr);
        Assert.All(r.Warnings, w => Assert.Contains("collector test", w, StringComparison.Ordinal));
        Assert.Equal(0, r.Context.Problems);
    }

    [Fact]
    public async Task CollectAsync_StderrFlood_LogsFirstLinesThenOneSummary()
    {
        // 100,000 lines of 26 bytes (with the newline): 2.6 MB that must not all reach the log.
        var r = Start("yes 'noise-noise-noise-noise-n' | head -n 100000 >&2; echo 'm v=1'");
        await r.RunAsync();

        var stderr = r.Warnings.Where(w => w.Contains("stderr: ", StringComparison.Ordinal)).ToList();
        Assert.InRange(stderr.Count, 1, 20);
        var summary = Assert.Single(r.Warnings, w => w.Contains("suppressed", StringComparison.Ordinal));
        var logged = stderr.Count;
        Assert.True(summary.Contains($"suppressed {100_000 - logged} more lines ({(100_000 - logged) * 26} bytes) of stderr", StringComparison.Ordinal), summary);
        Assert.True(r.Warnings.Sum(w => w.Length) < 16 * 1024, $"{r.Warnings.Sum(w => w.Length)} characters logged");
        Assert.Equal(1, r.Value("m.v"));
    }

    [Fact]
    public async Task CollectAsync_StderrLimit_IsPerRun()
    {
        var r = Start("yes 'noise' | head -n 1000 >&2");
        await r.RunAsync();
        var first = r.Warnings.Count(w => w.Contains("stderr: ", StringComparison.Ordinal));
        await r.RunAsync();

        Assert.Equal(2 * first, r.Warnings.Count(w => w.Contains("stderr: ", StringComparison.Ordinal)));
        Assert.Equal(2, r.Warnings.Count(w => w.Contains("suppressed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CollectAsync_NonZeroExit_ReportedKeepingOutput()
    {
        var r = Start("echo 'm v=1'; exit 3");
        await r.RunAsync();
        Assert.Equal(1, r.Value("m.v"));
        Assert.Equal(1, r.Context.Problems);
        Assert.Contains(r.Warnings, w => w.Contains("ended with exit code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_KilledBySignal_Reported()
    {
        var r = Start("kill -KILL $$");
        await r.RunAsync();
        Assert.Contains(r.Warnings, w => w.Contains("killed by signal 9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_Cancelled_KillsScriptAndGrandchild()
    {
        var pids = Path.Combine(_dir.Path, "pids");
        var r = Start($"""
            echo $$ > {pids}.tmp
            sleep 1000 &
            echo $! >> {pids}.tmp
            mv {pids}.tmp {pids}
            sleep 1000
            """);
        using var cts = new CancellationTokenSource();
        var run = r.Collector.CollectAsync(r.Context, cts.Token).AsTask();
        Assert.True(await Poll.UntilAsync(() => File.Exists(pids)));
        var started = File.ReadAllLines(pids).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.All(started, pid => Assert.True(Poll.IsAlive(pid)));

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(await Poll.UntilAsync(() => !started.Any(Poll.IsAlive)), "script or grandchild survived");
        Assert.False(GroupHasMembers(started[0]));
    }

    [Fact]
    public async Task CollectAsync_CancelledScriptIgnoresSigterm_KilledAfterGrace()
    {
        var pid = Path.Combine(_dir.Path, "pid");
        var r = Start($"trap '' TERM; echo $$ > {pid}.tmp; mv {pid}.tmp {pid}; sleep 1000");
        using var cts = new CancellationTokenSource();
        var run = r.Collector.CollectAsync(r.Context, cts.Token).AsTask();
        Assert.True(await Poll.UntilAsync(() => File.Exists(pid)));
        var script = int.Parse(File.ReadAllText(pid).Trim(), CultureInfo.InvariantCulture);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(await Poll.UntilAsync(() => !Poll.IsAlive(script) && !GroupHasMembers(script)), "a process of the group survived");
    }

    [Fact]
    public async Task CollectAsync_BackgroundProcessLeftBehind_KilledAndReported()
    {
        var pid = Path.Combine(_dir.Path, "pid");
        var r = Start($"sleep 1000 > /dev/null 2>&1 & echo $! > {pid}; echo 'm v=1'");
        await r.RunAsync();

        var background = int.Parse(File.ReadAllText(pid).Trim(), CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => !Poll.IsAlive(background)));
        Assert.Equal(1, r.Value("m.v"));
        Assert.Contains(r.Warnings, w => w.Contains("left background processes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_BareCommandName_FoundOnPath()
    {
        var r = Runner.Init(new ScriptCollector(), _dir.Path, ("command", "echo"), ("arguments", "path v=1"));
        await r.RunAsync();
        Assert.Equal(1, r.Value("path.v"));
    }

    [Fact]
    public async Task CollectAsync_CommandRemovedAfterInit_ProblemNamesThePath()
    {
        var r = Start("echo 'm v=1'");
        File.Delete(Path.Combine(_dir.Path, "probe.sh"));
        await r.RunAsync();
        Assert.Equal(1, r.Context.Problems);
        Assert.Contains(r.Warnings, w => w.Contains($"cannot run {_dir.Path}/probe.sh", StringComparison.Ordinal) && w.Contains("No such file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("command", "./missing.sh", "missing.sh does not exist")]
    [InlineData("command", "fathom-no-such-program", "nor found on PATH")]
    [InlineData("command", "./plain.txt", "is not executable")]
    [InlineData("arguments", "a 'b", "unterminated single quote")]
    [InlineData("format", "json", "must be one of influx, status")]
    [InlineData("element", "e", "only used with format status")]
    [InlineData("environment", "1X=2", "must be NAME=value")]
    [InlineData("working_directory", "nowhere", "is not a directory")]
    public void Init_BadKey_ConfigErrorNamesFileAndLine(string key, string value, string problem)
    {
        _dir.Script("probe.sh", "true");
        _dir.File("plain.txt", "");
        (string, string)[] settings = key == "command" ? [(key, value)] : [("command", "./probe.sh"), (key, value)];
        var e = Assert.Throws<ConfigException>(() => Runner.Init(new ScriptCollector(), _dir.Path, settings));
        Assert.StartsWith($"test.conf:{(key == "command" ? 2 : 3)}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_NoCommand_ConfigErrorNamesBlock()
    {
        var e = Assert.Throws<ConfigException>(() => Runner.Init(new ScriptCollector(), _dir.Path));
        Assert.Contains("test.conf:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 'command'", e.Message, StringComparison.Ordinal);
    }

    private static bool GroupHasMembers(int pgid)
    {
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !Poll.IsAlive(pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2] == pgid.ToString(CultureInfo.InvariantCulture))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return false;
    }
}
