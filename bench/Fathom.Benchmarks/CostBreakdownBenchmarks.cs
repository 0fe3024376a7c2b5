using BenchmarkDotNet.Attributes;

namespace Fathom.Benchmarks;

/// <summary>
/// Diagnosis for benchmark 1: the pieces of one TimerRegistry Release+Register pair, each alone,
/// with the same N live timers and the same random indices. Not a Fathom API: these copy the
/// operations of TimerRegistry.cs (Dictionary&lt;int,int&gt; handle map, Monitor lock on an object,
/// a 40-byte Entry allocated per Register and published into the slot array, a Stack of free slots)
/// so their costs can be told apart.
/// </summary>
[MemoryDiagnoser]
public class CostBreakdownBenchmarks
{
    private const int Ops = RegisterReleaseBenchmarks.OpsPerInvoke;
    private const int Mask = (1 << 20) - 1;
    private static readonly Action<object?> Noop = static _ => { };
    private readonly object _gate = new();
    private readonly Lock _newLock = new();
    private Dictionary<int, int> _map = null!;
    private Stack<int> _free = null!;
    private Entry?[] _slots = null!;
    private int[] _handles = null!;
    private int[] _slotOf = null!;
    private int[] _indices = null!;
    private int _last;
    private int _next;
    private int _counter;

    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _map = [];
        _free = new Stack<int>();
        _slots = new Entry?[Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)N))];
        _handles = new int[N];
        _slotOf = new int[N];
        for (var i = 0; i < N; i++)
        {
            _handles[i] = ++_last;
            _slotOf[i] = i;
            _map.Add(_handles[i], i);
            _slots[i] = new Entry(_handles[i], Noop, null);
        }

        _indices = SplitMix64.Indices(1 << 20, N);
    }

    /// <summary>The handle map alone: Remove(old handle) + Add(new handle) (TimerRegistry's _slotOfHandle).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public int DictionaryRemoveAdd()
    {
        var map = _map;
        for (var i = 0; i < Ops; i++)
        {
            var k = _indices[_next++ & Mask];
            map.Remove(_handles[k], out var slot);
            var h = ++_last;
            map.Add(h, slot);
            _handles[k] = h;
        }

        return map.Count;
    }

    /// <summary>Two uncontended lock(object) blocks (Release's and Register's) around a trivial body.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public int MonitorLockTwice()
    {
        for (var i = 0; i < Ops; i++)
        {
            lock (_gate)
            {
                _counter++;
            }

            lock (_gate)
            {
                _counter++;
            }
        }

        return _counter;
    }

    /// <summary>The same with System.Threading.Lock (.NET 9+).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public int ThreadingLockTwice()
    {
        for (var i = 0; i < Ops; i++)
        {
            lock (_newLock)
            {
                _counter++;
            }

            lock (_newLock)
            {
                _counter++;
            }
        }

        return _counter;
    }

    /// <summary>
    /// The slot work alone: mark the old Entry released, clear its slot, push/pop the free slot,
    /// allocate a new Entry and publish it (Volatile.Write: a GC write barrier into a long-lived array).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public int EntrySlotChurn()
    {
        var slots = _slots;
        for (var i = 0; i < Ops; i++)
        {
            var k = _indices[_next++ & Mask];
            var slot = _slotOf[k];
            slots[slot]!.Released = true;
            Volatile.Write(ref slots[slot], null);
            _free.Push(slot);
            slot = _free.Pop();
            Volatile.Write(ref slots[slot], new Entry(++_last, Noop, null));
            _slotOf[k] = slot;
        }

        return _last;
    }

    private sealed class Entry(int handle, Action<object?> callback, object? data)
    {
        public int Handle { get; } = handle;

        public Action<object?> Callback { get; } = callback;

        public object? Data { get; } = data;

        public volatile bool Released;
    }
}
