using System.Diagnostics.CodeAnalysis;

namespace Fathom.TestSupport;

/// <summary>
/// A hand-written fake clock: time moves only through <see cref="Advance"/>; timers created
/// through it fire (synchronously, in due order) when time passes their due time.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "timers are owned by callers")]
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;
    private long _ticks;

    public FakeTimeProvider(DateTimeOffset? start = null) =>
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueTicks.HasValue);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing every timer that comes due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        long target;
        lock (_gate)
        {
            target = _ticks + by.Ticks;
        }

        while (true)
        {
            FakeTimer? next = null;
            lock (_gate)
            {
                foreach (var t in _timers)
                {
                    if (t.DueTicks is { } d && d <= target && (next is null || d < next.DueTicks))
                    {
                        next = t;
                    }
                }

                if (next is null)
                {
                    // A callback may have consumed time past the target: time never runs backwards.
                    if (target > _ticks)
                    {
                        _now += TimeSpan.FromTicks(target - _ticks);
                        _ticks = target;
                    }

                    return;
                }

                var due = next.DueTicks!.Value;
                if (due > _ticks)
                {
                    _now += TimeSpan.FromTicks(due - _ticks);
                    _ticks = due;
                }

                next.DueTicks = next.PeriodTicks > 0 ? due + next.PeriodTicks : null;
            }

            next.Fire();
        }
    }

    /// <summary>Moves time forward without firing timers: the time a callback's own work takes.</summary>
    public void Consume(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
            _ticks += by.Ticks;
        }
    }

    public void SetUtcNow(DateTimeOffset now)
    {
        lock (_gate)
        {
            _now = now;
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? DueTicks { get; set; }

        public long PeriodTicks { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                DueTicks = dueTime == Timeout.InfiniteTimeSpan ? null : owner._ticks + Math.Max(0, dueTime.Ticks);
                PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                DueTicks = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
