using System.Collections.Concurrent;
using Fathom.Core.Instrumentation;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Core.Tests.Instrumentation;

public sealed class TimerRegistryTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();

    private TimerRegistry NewRegistry() => new(_time, NullLogger.Instance);

    [Fact]
    public void Register_ReturnsPositiveHandles_NeverReused()
    {
        using var timers = NewRegistry();
        var seen = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            var h = timers.Register(_ => { }, null);
            Assert.True(h > 0);
            Assert.True(seen.Add(h), $"handle {h} was handed out twice");
            if (i % 2 == 0)
            {
                Assert.Equal(0, timers.Release(h));
            }
        }

        Assert.Equal(500, timers.Count);
    }

    [Fact]
    public void Register_NullCallback_ReturnsEinval()
    {
        using var timers = NewRegistry();
        Assert.Equal(-22, timers.Register(null, "data"));
        Assert.Equal(TimerErrors.InvalidArgument, timers.Register(null, null));
    }

    [Fact]
    public void Release_UnknownOrTwice_ReturnsEsrch()
    {
        using var timers = NewRegistry();
        Assert.Equal(-3, timers.Release(42));
        var h = timers.Register(_ => { }, null);
        Assert.Equal(0, timers.Release(h));
        Assert.Equal(TimerErrors.NoSuchTimer, timers.Release(h));
        Assert.Equal(TimerErrors.NoSuchTimer, timers.Release(0));
        Assert.Equal(TimerErrors.NoSuchTimer, timers.Release(-1));
    }

    [Fact]
    public void Tick_CallsEveryCallbackOncePerSecondWithItsData()
    {
        using var timers = NewRegistry();
        var calls = new ConcurrentQueue<object?>();
        timers.Register(d => calls.Enqueue(d), "a");
        timers.Register(d => calls.Enqueue(d), "b");
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(calls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a", "b"], calls.ToArray());
        _time.Advance(Second * 3);
        Assert.Equal(8, calls.Count);
    }

    [Fact]
    public void Release_StopsFurtherCalls()
    {
        using var timers = NewRegistry();
        var n = 0;
        var h = timers.Register(_ => n++, null);
        _time.Advance(Second * 2);
        Assert.Equal(0, timers.Release(h));
        _time.Advance(Second * 5);
        Assert.Equal(2, n);
    }

    [Fact]
    public void Callback_RegistersAndReleasesItself_NoDeadlock()
    {
        using var timers = NewRegistry();
        var log = new List<string>();
        var self = 0;
        self = timers.Register(_ =>
        {
            log.Add("first");
            Assert.Equal(0, timers.Release(self));
            Assert.True(timers.Register(_ => log.Add("second"), null) > 0);
        }, null);
        _time.Advance(Second);
        Assert.Equal(["first"], log); // the new timer starts with the next tick... or this one; never twice
        _time.Advance(Second);
        Assert.Equal(["first", "second"], log.Take(2));
        Assert.DoesNotContain(log.Skip(1), l => l == "first");
    }

    [Fact]
    public void Callback_Throws_OthersStillRun_Counted()
    {
        using var timers = NewRegistry();
        var ran = 0;
        timers.Register(_ => throw new InvalidOperationException("boom"), null);
        timers.Register(_ => ran++, null);
        _time.Advance(Second * 3);
        Assert.Equal(3, ran);
        Assert.Equal(3, timers.Stats.CallbackErrors);
    }

    [Fact]
    public async Task SlowCallback_DoesNotBlockRegisterOrRelease()
    {
        using var timers = NewRegistry();
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        timers.Register(_ =>
        {
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }, null);
        var ticking = Task.Run(() => _time.Advance(Second));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)), "the tick never started");

        var other = await Task.Run(() => timers.Register(_ => { }, null)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(other > 0);
        Assert.Equal(0, await Task.Run(() => timers.Release(other)).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(ticking.IsCompleted);
        release.Set();
        await ticking.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Ticks_DoNotDrift_WhenCallbacksTakeTime()
    {
        using var timers = NewRegistry();
        var start = _time.GetTimestamp();
        var firedAt = new List<long>();
        timers.Register(_ =>
        {
            firedAt.Add(_time.GetTimestamp() - start);
            _time.Consume(TimeSpan.FromMilliseconds(300)); // each tick's work takes 0.3 s
        }, null);
        for (var i = 0; i < 3600; i++)
        {
            _time.Advance(Second); // from N.3 s to (N+1).3 s: the tick due at N+1 s fires once
        }

        Assert.Equal(3600, firedAt.Count);
        for (var n = 0; n < firedAt.Count; n++)
        {
            Assert.Equal((n + 1) * TimeSpan.TicksPerSecond, firedAt[n]);
        }
    }

    [Fact]
    public void Stall_LongerThanAPeriod_SkipsAndCountsMissedTicks()
    {
        using var timers = NewRegistry();
        var n = 0;
        timers.Register(_ =>
        {
            if (n++ == 1)
            {
                _time.Consume(TimeSpan.FromSeconds(2.5)); // the second tick stalls for 2.5 s
            }
        }, null);
        _time.Advance(Second * 2); // ticks 1 and 2; the second leaves the clock at 4.5 s
        _time.Advance(TimeSpan.FromSeconds(0.5)); // the 3 s tick is skipped, the 4 s one fires 0.5 s late, then 5 s
        Assert.Equal(4, n);
        Assert.Equal(1, timers.Stats.Skipped);
        Assert.Equal(4, timers.Stats.Ticks);
        Assert.Equal(TimeSpan.Zero, timers.Stats.LastLateness); // the 5 s tick was on time
        Assert.InRange(timers.Stats.Lateness.MaxMicroseconds, 490_000, 510_000);
    }

    [Fact]
    public void SetMetricRegistry_CreatesPcpsSixMetrics()
    {
        using var timers = NewRegistry();
        var registry = new MetricRegistry("fathom");
        var handle = timers.SetMetricRegistry(registry);
        Assert.True(handle > 0);

        var pid = registry.Find("pid")!;
        Assert.Equal((MetricType.U32, MetricSemantics.Discrete, MetricUnits.None), (pid.Type, pid.Semantics, pid.Units));
        Assert.Equal(Environment.ProcessId, pid.Raw());
        Assert.Equal("PID for the current process", pid.ShortHelp);
        foreach (var name in new[] { "cpu.user", "cpu.sys", "cpu.total" })
        {
            var m = registry.Find(name)!;
            Assert.Equal((MetricType.U64, MetricSemantics.Counter), (m.Type, m.Semantics));
            Assert.Equal(new MetricUnits(0, 1, 0, 0, MetricUnits.TimeMSec, 0), m.Units);
        }

        foreach (var name in new[] { "mem.maxrss", "mem.datasz" })
        {
            var m = registry.Find(name)!;
            Assert.Equal((MetricType.U64, MetricSemantics.Instant), (m.Type, m.Semantics));
            Assert.Equal(new MetricUnits(1, 0, 0, MetricUnits.SpaceKByte, 0, 0), m.Units);
        }

        Assert.Equal("Maximum memory resident set size from getrusage(2)", registry.Find("mem.maxrss")!.LongHelp);
        Assert.Equal(-22, timers.SetMetricRegistry(new MetricRegistry("again")));
        Assert.Equal(TimerErrors.InvalidArgument, timers.SetMetricRegistry(null));
    }

    [Fact]
    public void SelfMetrics_RefreshedEveryTick_FromGetrusageAndProc()
    {
        using var timers = NewRegistry();
        var registry = new MetricRegistry("fathom");
        timers.SetMetricRegistry(registry);
        var total = registry.Find("cpu.total")!;
        var before = total.Raw();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpuStart = self.TotalProcessorTime;
        var spin = 0L;
        while (self.TotalProcessorTime - cpuStart < TimeSpan.FromMilliseconds(300))
        {
            spin++; // burn 300 ms of CPU so the counter must move
            self.Refresh();
        }

        _time.Advance(Second);
        Assert.True(spin > 0);
        Assert.True(total.Raw() >= before + 250, $"cpu.total {before} → {total.Raw()} after 300 ms of CPU");
        Assert.Equal(registry.Find("cpu.user")!.Raw() + registry.Find("cpu.sys")!.Raw(), total.Raw());

        var vmData = SelfMetrics.ParseKb(File.ReadAllBytes("/proc/self/status"), "VmData:"u8);
        var datasz = registry.Find("mem.datasz")!.Raw();
        Assert.InRange(datasz, vmData / 2, vmData * 2); // moves a little between the two reads
        var hwm = SelfMetrics.ParseKb(File.ReadAllBytes("/proc/self/status"), "VmHWM:"u8);
        Assert.InRange(registry.Find("mem.maxrss")!.Raw(), hwm / 2, hwm * 2);
    }

    [Fact]
    public void ParseKb_FindsTheKeysNumber()
    {
        var text = "Name:\tx\nVmPeak:\t  123 kB\nVmData:\t    4567 kB\nVmStk:\t 8 kB\n"u8;
        Assert.Equal(4567, SelfMetrics.ParseKb(text, "VmData:"u8));
        Assert.Equal(0, SelfMetrics.ParseKb(text, "VmSwap:"u8));
    }

    [Fact]
    public async Task RealClock_TicksEverySecond()
    {
        using var timers = new TimerRegistry(TimeProvider.System, NullLogger.Instance);
        var stamps = new ConcurrentQueue<long>();
        var start = Environment.TickCount64;
        timers.Register(_ => stamps.Enqueue(Environment.TickCount64 - start), null);
        var deadline = Environment.TickCount64 + 10_000;
        while (stamps.Count < 3 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(50);
        }

        var s = stamps.ToArray();
        Assert.True(s.Length >= 3, "fewer than three ticks in 10 s");
        // Tick N at start + N s: anchored to the start, so one late tick does not push the others.
        for (var n = 0; n < 3; n++)
        {
            Assert.InRange(s[n], ((n + 1) * 1000) - 20, ((n + 1) * 1000) + 800); // generous: CI machines are busy
        }
    }
}
