using System.Diagnostics;
using Fathom.Core.Scheduling;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>Real-clock smoke tests: loose bounds, each waits a few tens of milliseconds at most.</summary>
public sealed class PreciseTimeProviderTests
{
    [Fact]
    public async Task CreateInlineTimer_OneShot_FiresWithinFiveMillisecondsOfDue()
    {
        // A smoke test on a shared machine: the best of three tries must be within 5 ms.
        var provider = new PreciseTimeProvider();
        var due = TimeSpan.FromMilliseconds(30);
        var lateness = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var fired = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            using var timer = provider.CreateInlineTimer(_ => fired.TrySetResult(Stopwatch.GetTimestamp()), null, due, Timeout.InfiniteTimeSpan);
            await Poll.WithDeadline(fired.Task, "the timer to fire");

            var late = Stopwatch.GetElapsedTime(start, await fired.Task) - due;
            Assert.True(late >= TimeSpan.Zero, $"fired {-late.TotalMilliseconds:0.000} ms early");
            lateness.Add(late);
            if (late < TimeSpan.FromMilliseconds(5))
            {
                return;
            }
        }

        Assert.Fail($"fired late every time: {string.Join(", ", lateness.Select(l => $"{l.TotalMilliseconds:0.000} ms"))}");
    }

    [Fact]
    public async Task Dispose_BeforeDue_NeverFires()
    {
        var provider = new PreciseTimeProvider();
        var disposedFired = 0;
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var early = provider.CreateInlineTimer(_ => Interlocked.Increment(ref disposedFired), null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
        early.Dispose();
        using var witness = provider.CreateInlineTimer(_ => later.TrySetResult(), null, TimeSpan.FromMilliseconds(130), Timeout.InfiniteTimeSpan);
        await Poll.WithDeadline(later.Task, "the later timer to fire");

        // Callbacks go to the thread pool in due order; the disposed one had 30 ms of head start.
        Assert.Equal(0, Volatile.Read(ref disposedFired));
        Assert.False(early.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Change_Rearmed_FiresOnceAtTheNewTime()
    {
        var provider = new PreciseTimeProvider();
        var fires = 0;
        var fired = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var witness = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = Stopwatch.GetTimestamp();
        using var timer = provider.CreateInlineTimer(
            _ =>
            {
                Interlocked.Increment(ref fires);
                fired.TrySetResult(Stopwatch.GetTimestamp());
            },
            null,
            TimeSpan.FromMilliseconds(150),
            Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        using var after = provider.CreateInlineTimer(_ => witness.TrySetResult(), null, TimeSpan.FromMilliseconds(170), Timeout.InfiniteTimeSpan);
        await Poll.WithDeadline(fired.Task, "the re-armed timer to fire");
        await Poll.WithDeadline(witness.Task, "a timer after the stale due time");

        var at = Stopwatch.GetElapsedTime(start, await fired.Task);
        Assert.InRange(at.TotalMilliseconds, 20, 100);
        Assert.Equal(1, Volatile.Read(ref fires));
    }

    [Fact]
    public async Task CreateInlineTimer_Periodic_FiresRepeatedly()
    {
        var provider = new PreciseTimeProvider();
        var fires = 0;
        var fifth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = provider.CreateInlineTimer(
            _ =>
            {
                if (Interlocked.Increment(ref fires) == 5)
                {
                    fifth.TrySetResult();
                }
            },
            null,
            TimeSpan.FromMilliseconds(2),
            TimeSpan.FromMilliseconds(3));

        await Poll.WithDeadline(fifth.Task, "five periodic fires");
    }
}
