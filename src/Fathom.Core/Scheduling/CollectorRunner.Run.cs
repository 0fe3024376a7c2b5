using System.Globalization;
using Fathom.Core.Collectors;

namespace Fathom.Core.Scheduling;

public sealed partial class CollectorRunner
{
    private async Task RunAsync(TaskCompletionSource done, bool manual)
    {
        var started = _time.GetUtcNow();
        var due = manual ? started : _due;
        var startTs = _time.GetTimestamp();
        if (!manual)
        {
            _lateness?.Record(started - due);
        }

        Stats.RunStarted(started);
        _context.SetRunTime(CollectContext.ToUnixNs((started - due).Duration() <= TimestampTolerance ? due : started));
        CollectOutcome outcome = default;
        using var timeout = new CancellationTokenSource(_config.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        Task<CollectOutcome>? run = null;
        try
        {
            // On the pool, so a collector that blocks before its first await still meets its timeout.
            var token = linked.Token;
            run = Task.Run(() => _collector.CollectAsync(_context, token).AsTask(), CancellationToken.None);
            // A collector that ignores its token gets a grace of a tenth of its timeout (at most 5 s), then is abandoned.
            var grace = TimeSpan.FromTicks(Math.Min(_config.Timeout.Ticks / 10, TimeSpan.FromSeconds(5).Ticks));
            outcome = await run.WaitAsync(_config.Timeout + grace, _time).ConfigureAwait(false);
            Stats.RunFinished(_time.GetElapsedTime(startTs));
        }
        catch (TimeoutException) when (run is not null)
        {
            Stats.TimedOut();
            Stats.RunAbandoned(_time.GetElapsedTime(startTs), string.Create(CultureInfo.InvariantCulture, $"ignored cancellation at its timeout of {_config.Timeout.TotalSeconds} s; abandoned"));
            Log.Abandoned(_logger, _config.Timeout.TotalSeconds);
            lock (_gate)
            {
                _inflight = run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                if (!manual)
                {
                    ScheduleNextLocked(_time.GetUtcNow(), null, due);
                }
            }

            if (manual)
            {
                EndManualRun();
            }

            return;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            Stats.TimedOut();
            Stats.RunFinished(_time.GetElapsedTime(startTs), string.Create(CultureInfo.InvariantCulture, $"cancelled at its timeout of {_config.Timeout.TotalSeconds} s"));
            Log.TimedOut(_logger, _config.Timeout.TotalSeconds);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            Stats.RunCancelled();
            return;
        }
        catch (Exception e)
        {
            Stats.Failed();
            Stats.RunFinished(_time.GetElapsedTime(startTs), $"{e.GetType().Name}: {e.Message}");
            Log.Failed(_logger, e.GetType().Name, e.Message, e);
        }

        // Done before the timer is re-armed: a next run due at once must not find this one in flight.
        done.TrySetResult();
        if (manual)
        {
            EndManualRun();
            return;
        }

        lock (_gate)
        {
            ScheduleNextLocked(_time.GetUtcNow(), outcome.NextDelay, due);
        }
    }

    /// <summary>
    /// A manual run leaves the timer as it was: the next run stays where the schedule put it; a
    /// scheduled run that fell due meanwhile starts now (an abandoned manual run makes it an overrun).
    /// </summary>
    private void EndManualRun()
    {
        bool fire;
        lock (_gate)
        {
            _manual = false;
            fire = _dueDuringManual && !_stopped;
            _dueDuringManual = false;
            if (!_stopped && !fire)
            {
                Stats.Scheduled(_due);
            }
        }

        if (fire)
        {
            OnDue();
        }
    }

    private void ScheduleNextLocked(DateTimeOffset now, TimeSpan? requested, DateTimeOffset previousDue)
    {
        if (_stopped)
        {
            return;
        }

        if (_config.Schedule == ScheduleMode.Sleep)
        {
            Arm(now + (requested ?? _config.Interval), now);
            return;
        }

        // The timer waits on the monotonic clock, slots are wall-clock: a run that ends a little before
        // its own slot by the wall clock (NTP slewing, a timer rounding) must not get that slot again.
        // A step back of a whole interval or more is a real clock change, and is followed.
        var from = now < previousDue && previousDue - now < _config.Interval ? previousDue : now;
        var next = SlotPlanner.NextSlot(from, _config.Interval, _offset);
        var missed = (long)((next - previousDue).Ticks / _config.Interval.Ticks) - 1;
        if (missed > 0)
        {
            Stats.Overran(missed);
            Log.Overran(_logger, missed);
        }

        Arm(next, now);
    }
}
