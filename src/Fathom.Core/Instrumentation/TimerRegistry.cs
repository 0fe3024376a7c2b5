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
    private readonly object _gate = new(); // start, stop and the metric registry
    private readonly HandleMap _slotOfHandle = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _period;
    private TimerSlots _slots = new(16);
    private TimerSlots? _previous; // a tick may still be reading the array that the last growth replaced
    private int _spin; // Register/Release: a CAS lock, held for a few dozen instructions
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
            Enter();
            var n = _slotOfHandle.Count;
            Exit();
            return n;
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

        Enter();
        if (_disposed)
        {
            Exit();
            return TimerErrors.ShutDown;
        }

        if (_lastHandle == int.MaxValue)
        {
            Exit();
            return TimerErrors.OutOfMemory; // handles are never reused, and two billion are spent
        }

        var handle = ++_lastHandle;
        var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _used;
        if (slot == _slots.Capacity)
        {
            _previous = _slots;
            Volatile.Write(ref _slots, _slots.Grow());
        }

        _slots.Publish(slot, handle, callback, data);
        if (slot == _used)
        {
            Volatile.Write(ref _used, slot + 1);
        }

        _slotOfHandle.Add(handle, slot);
        var first = _timer is null;
        Exit();
        if (first)
        {
            Start();
        }

        return handle;
    }

    /// <summary>Removes a timer; 0, or <see cref="TimerErrors.NoSuchTimer"/>. The caller keeps its data.</summary>
    public int Release(int handle)
    {
        Enter();
        if (!_slotOfHandle.Remove(handle, out var slot))
        {
            Exit();
            return TimerErrors.NoSuchTimer;
        }

        _slots.Clear(slot);
        if (_previous is { } old && slot < old.Capacity && old.HandleAt(slot) == handle)
        {
            old.Clear(slot);
        }

        _freeSlots.Push(slot);
        Exit();
        return TimerErrors.Ok;
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

    private void Start()
    {
        lock (_gate)
        {
            if (_timer is not null || _disposed)
            {
                return;
            }

            _startTimestamp = _time.GetTimestamp();
            _tick = 0;
            _timer = _time.CreateTimer(static s => ((TimerRegistry)s!).OnTick(), this, _period, Timeout.InfiniteTimeSpan);
        }
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _spin, 1, 0) == 0)
        {
            return;
        }

        var wait = default(SpinWait);
        while (Interlocked.CompareExchange(ref _spin, 1, 0) != 0)
        {
            wait.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Exit() => Volatile.Write(ref _spin, 0);
}
