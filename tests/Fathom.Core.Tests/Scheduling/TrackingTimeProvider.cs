using Fathom.Core.Scheduling;
using Fathom.TestSupport;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>
/// The fake clock, seen through a wrapper that watches the runner's own timer (the one whose state
/// is a <see cref="CollectorRunner"/>): when it is armed, for when, and every due time it was given.
/// </summary>
internal sealed class TrackingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<DateTimeOffset> _armed = [];
    private DateTimeOffset? _next;

    public FakeTimeProvider Clock => clock;

    /// <summary>The wall-clock time the runner's timer will fire at; null while it is not armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>Every due time the runner armed its timer for, in order.</summary>
    public IReadOnlyList<DateTimeOffset> ArmHistory
    {
        get
        {
            lock (_gate)
            {
                return [.. _armed];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (state is not CollectorRunner)
        {
            return clock.CreateTimer(callback, state, dueTime, period);
        }

        var tracked = new TrackedTimer(this);
        tracked.Inner = clock.CreateTimer(
            s =>
            {
                tracked.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        tracked.Change(dueTime, period);
        return tracked;
    }

    private sealed class TrackedTimer(TrackingTimeProvider owner) : ITimer
    {
        public ITimer? Inner { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Arm the real timer before publishing the due time: a test that sees NextDue and
            // advances the clock at once must find the timer already armed, or it never fires.
            lock (owner._gate)
            {
                var changed = Inner!.Change(dueTime, period);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    owner._next = null;
                }
                else
                {
                    var due = owner.GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                    owner._next = due;
                    owner._armed.Add(due);
                }

                return changed;
            }
        }

        public void Fired()
        {
            lock (owner._gate)
            {
                owner._next = null;
            }
        }

        public void Dispose()
        {
            Fired();
            Inner!.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
