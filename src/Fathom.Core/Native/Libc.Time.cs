using System.Runtime.InteropServices;

namespace Fathom.Core.Native;

/// <summary>Clocks and sleeping.</summary>
public static unsafe partial class Libc
{
    public const int ClockRealtime = 0;

    // A vDSO call of tens of nanoseconds on the send path: no GC transition needed.
    [LibraryImport(Lib)]
    [SuppressGCTransition]
    public static partial int clock_gettime(int clock, TimeSpec* time);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int nanosleep(TimeSpec* request, TimeSpec* remaining);

    /// <summary>CLOCK_REALTIME as Unix nanoseconds, straight from the vDSO.</summary>
    public static long RealtimeNs()
    {
        TimeSpec t;
        clock_gettime(ClockRealtime, &t);
        return (t.Seconds * 1_000_000_000) + t.Nanoseconds;
    }
}
