using Fathom.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace Fathom.Core.Instrumentation;

/// <summary>
/// PCP's pmWebTimerRegister/pmWebTimerRelease, made better where the original is weak: a
/// thread-safe set of callbacks run serially every period (1.0 s) on one tick. Handles are
/// positive and never reused; release is O(1) (a slot array with a free list and a handle map,
/// where PCP walks a list); the tick reads the slots without the lock, so a slow callback never
/// blocks Register or Release, and a callback may register or release timers, itself included.
/// Tick N fires at start + N periods (no accumulated drift); lateness is measured, and ticks
/// missed entirely are skipped and counted. Every call returns a code and never throws.
/// </summary>
public sealed partial class TimerRegistry : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<int, int> _slotOfHandle = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _period;
    private Entry?[] _slots = new Entry?[16];
    private int _used;
    private int _lastHandle;
    private ITimer? _timer;
    private long _startTimestamp;
    private long _tick;
    private bool _disposed;
    private SelfMetrics? _self;

    public TimerRegistry(TimeProvider time, ILogger logger, TimeSpan? period = null)
    {
        _time = time;
        _logger = logger;
        _period = period ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>Registered callbacks.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slotOfHandle.Count;
            }
        }
    }

    public TimerStats Stats { get; } = new();

    /// <summary>Adds <paramref name="callback"/>, called with <paramref name="data"/> every tick; returns its handle (> 0) or a negative error.</summary>
    public int Register(Action<object?>? callback, object? data)
    {
        if (callback is null)
        {
            return TimerErrors.InvalidArgument;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return TimerErrors.ShutDown;
            }

            if (_lastHandle == int.MaxValue)
            {
                return TimerErrors.OutOfMemory; // handles are never reused, and two billion are spent
            }

            var handle = ++_lastHandle;
            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _used++;
            if (slot == _slots.Length)
            {
                var grown = new Entry?[_slots.Length * 2];
                Array.Copy(_slots, grown, _slots.Length);
                Volatile.Write(ref _slots, grown);
            }

            Volatile.Write(ref _slots[slot], new Entry(handle, callback, data));
            _slotOfHandle.Add(handle, slot);
            StartLocked();
            return handle;
        }
    }

    /// <summary>Removes a timer; 0, or <see cref="TimerErrors.NoSuchTimer"/>. The caller keeps its data.</summary>
    public int Release(int handle)
    {
        lock (_gate)
        {
            if (!_slotOfHandle.Remove(handle, out var slot))
            {
                return TimerErrors.NoSuchTimer;
            }

            var entry = _slots[slot]!;
            entry.Released = true; // a tick that already read the slot skips it
            Volatile.Write(ref _slots[slot], null);
            _freeSlots.Push(slot);
            return TimerErrors.Ok;
        }
    }

    /// <summary>
    /// Creates the six server metrics of PCP (pid, cpu.user, cpu.sys, cpu.total, mem.maxrss,
    /// mem.datasz) in <paramref name="registry"/> and refreshes them every tick through this
    /// timer list; returns the refresh timer's handle, or <see cref="TimerErrors.InvalidArgument"/>
    /// for a null or second registry.
    /// </summary>
    public int SetMetricRegistry(MetricRegistry? registry)
    {
        if (registry is null)
        {
            return TimerErrors.InvalidArgument;
        }

        lock (_gate)
        {
            if (_self is not null)
            {
                Log.SecondRegistry(_logger);
                return TimerErrors.InvalidArgument;
            }

            try
            {
                _self = new SelfMetrics(registry);
            }
            catch (InvalidOperationException e)
            {
                Log.SelfMetricsFailed(_logger, e.Message);
                return TimerErrors.InvalidArgument;
            }
        }

        _self.Refresh();
        return Register(static s => ((SelfMetrics)s!).Refresh(), _self);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }

        _self?.Dispose();
    }

    private void StartLocked()
    {
        if (_timer is not null)
        {
            return;
        }

        _startTimestamp = _time.GetTimestamp();
        _tick = 0;
        _timer = _time.CreateTimer(static s => ((TimerRegistry)s!).OnTick(), this, _period, Timeout.InfiniteTimeSpan);
    }

    private sealed class Entry(int handle, Action<object?> callback, object? data)
    {
        public int Handle { get; } = handle;

        public Action<object?> Callback { get; } = callback;

        public object? Data { get; } = data;

        public volatile bool Released;
    }
}
