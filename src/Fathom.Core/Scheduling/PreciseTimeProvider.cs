using System.Diagnostics;
using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Core.Scheduling;

/// <summary>
/// The system clock, plus precise timers for collector schedules: <see cref="CreateInlineTimer"/>
/// timers are fired by one dedicated thread to within ~0.1 ms of their due time (.NET's own
/// timers wake on a millisecond grid and then queue to the thread pool, 1-2 ms late): it waits
/// coarsely, then sleeps the last stretch with nanosleep (timer slack lowered for this thread).
/// Every other timer (timeouts, delays) is the system's: they need no precision, and the
/// system's queue drops a disposed timer at once where ours would keep it until its due time.
/// </summary>
public sealed partial class PreciseTimeProvider : TimeProvider
{
    private static readonly long FineWindowTicks = Stopwatch.Frequency / 500; // 2 ms
    private readonly object _gate = new();
    private readonly PriorityQueue<PreciseTimer, long> _queue = new();
    private Thread? _thread;

    public static PreciseTimeProvider Shared { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// A timer whose callback runs on the timer thread itself, saving the thread-pool hop
    /// (~0.1-0.3 ms on an idle pool). Only for callbacks that return in microseconds and never block.
    /// </summary>
    public ITimer CreateInlineTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new PreciseTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(PreciseTimer timer, long dueTimestamp)
    {
        lock (_gate)
        {
            _queue.Enqueue(timer, dueTimestamp);
            if (_thread is null)
            {
                _thread = new Thread(Loop) { IsBackground = true, Name = "fathom-timers" };
                _thread.Start();
            }
            else if (_queue.Peek() == timer)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    private void Loop()
    {
        _ = Libc.prctl(Libc.PrSetTimerslack, 1000, 0, 0, 0); // 1 µs slack instead of the default 50 µs
        while (true)
        {
            PreciseTimer? due = null;
            lock (_gate)
            {
                while (due is null)
                {
                    if (!_queue.TryPeek(out var timer, out var at))
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }

                    if (timer.Version(at) is null)
                    {
                        _queue.Dequeue(); // changed or disposed since it was queued
                        continue;
                    }

                    var wait = at - Stopwatch.GetTimestamp();
                    if (wait <= 0)
                    {
                        _queue.Dequeue();
                        due = timer;
                    }
                    else if (wait > FineWindowTicks)
                    {
                        Monitor.Wait(_gate, (int)((wait - FineWindowTicks) * 1000 / Stopwatch.Frequency) + 1);
                    }
                    else
                    {
                        Monitor.Exit(_gate);
                        try
                        {
                            SleepPrecisely(wait);
                        }
                        finally
                        {
                            Monitor.Enter(_gate);
                        }
                    }
                }
            }

            due.Fire();
        }
    }

    private static void SleepPrecisely(long stopwatchTicks)
    {
        var ns = stopwatchTicks * 1_000_000_000 / Stopwatch.Frequency;
        var ts = new TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        unsafe
        {
            _ = Libc.nanosleep(&ts, null);
        }
    }

}
