namespace Fathom.Core.Instrumentation;

public sealed partial class TimerRegistry
{
    private void OnTick()
    {
        var now = _time.GetTimestamp();
        var periodTicks = (long)(_period.TotalSeconds * _time.TimestampFrequency);
        var due = _startTimestamp + ((_tick + 1) * periodTicks);
        var late = now - due;
        if (late >= periodTicks)
        {
            // Whole periods were missed (a stalled machine): skip them rather than fire a burst.
            var missed = late / periodTicks;
            Stats.AddSkipped(missed);
            _tick += missed;
            late -= missed * periodTicks;
        }

        _tick++;
        Stats.TickFired(TimeSpan.FromSeconds((double)late / _time.TimestampFrequency));
        Dispatch();

        lock (_gate)
        {
            if (_disposed || _timer is null)
            {
                return;
            }

            var next = _startTimestamp + ((_tick + 1) * periodTicks);
            var wait = TimeSpan.FromSeconds(Math.Max(0, next - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Calls every live callback in slot order, without holding the lock.</summary>
    private void Dispatch()
    {
        var slots = Volatile.Read(ref _slots);
        var used = Math.Min(Volatile.Read(ref _used), slots.Capacity);
        for (var i = 0; i < used; i++)
        {
            if (!slots.TryRead(i, out var handle, out var callback, out var data))
            {
                continue;
            }

            try
            {
                callback(data);
            }
            catch (Exception e)
            {
                var n = Stats.CallbackFailed();
                if ((n & (n - 1)) == 0)
                {
                    Log.CallbackFailed(_logger, handle, e.GetType().Name, e.Message, n);
                }
            }
        }
    }
}
