namespace Fathom.Core.Instrumentation;

/// <summary>
/// The registry's storage: one array of structs (handle, callback, data side by side, so a slot
/// is one cache line) rather than an object per timer — no allocation per Register, nothing for
/// the GC to promote. A slot's handle doubles as its version: writers publish callback and data
/// before the handle and clear the handle first; the tick reads handle, callback, data, handle
/// again and skips the slot if the two handles differ or are 0. Handles are never reused, so a
/// changed slot is always noticed.
/// </summary>
internal sealed class TimerSlots(int capacity)
{
    private readonly Slot[] _slots = new Slot[capacity];

    public int Capacity => _slots.Length;

    public int HandleAt(int slot) => Volatile.Read(ref _slots[slot].Handle);

    public void Publish(int slot, int handle, Action<object?> callback, object? data)
    {
        ref var s = ref _slots[slot];
        Volatile.Write(ref s.Callback, callback);
        Volatile.Write(ref s.Data, data);
        Volatile.Write(ref s.Handle, handle);
    }

    public void Clear(int slot)
    {
        ref var s = ref _slots[slot];
        Volatile.Write(ref s.Handle, 0);
        s.Callback = null;
        s.Data = null;
    }

    /// <summary>A consistent read of a live slot, or false when empty or changing.</summary>
    public bool TryRead(int slot, out int handle, out Action<object?> callback, out object? data)
    {
        ref var s = ref _slots[slot];
        handle = Volatile.Read(ref s.Handle);
        callback = Volatile.Read(ref s.Callback)!;
        data = Volatile.Read(ref s.Data);
        return handle != 0 && callback is not null && Volatile.Read(ref s.Handle) == handle;
    }

    public TimerSlots Grow()
    {
        var grown = new TimerSlots(Capacity * 2);
        Array.Copy(_slots, grown._slots, Capacity);
        return grown;
    }

    private struct Slot
    {
        public int Handle;
        public Action<object?>? Callback;
        public object? Data;
    }
}
