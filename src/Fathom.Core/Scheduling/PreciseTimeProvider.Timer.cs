using System.Diagnostics;

namespace Fathom.Core.Scheduling;

public sealed partial class PreciseTimeProvider
{
    private sealed class PreciseTimer(PreciseTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private readonly object _gate = new();
        private long _due = -1; // Stopwatch timestamp of the live schedule, -1 when none
        private long _periodTicks;
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long due;
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _periodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : ToStopwatch(period);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    _due = -1;
                    return true;
                }

                due = Stopwatch.GetTimestamp() + ToStopwatch(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                _due = due;
            }

            owner.Schedule(this, due);
            return true;
        }

        /// <summary>Non-null when <paramref name="at"/> is still this timer's live due time.</summary>
        public object? Version(long at)
        {
            lock (_gate)
            {
                return _due == at && !_disposed ? this : null;
            }
        }

        public void Fire()
        {
            long next;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                next = _periodTicks > 0 ? _due + _periodTicks : -1;
                _due = next;
            }

            if (next >= 0)
            {
                owner.Schedule(this, next);
            }

            try
            {
                callback(state);
            }
            catch (Exception e)
            {
                // The timer thread serves every collector: one faulty callback must not stop it.
                ThreadPool.UnsafeQueueUserWorkItem(static ex => throw ex, e, preferLocal: false);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _due = -1;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static long ToStopwatch(TimeSpan t) => (long)(t.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
    }
}
