using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Fathom.Core.Native;

namespace Fathom.Core.Instrumentation;

/// <summary>
/// PCP's six server metrics (libpcp_web's timer.c), with PCP's types, semantics, units and help:
/// pid (u32, discrete, set once), cpu.user/cpu.sys/cpu.total (u64 counters, ms, getrusage),
/// mem.maxrss (u64 instant, KB, getrusage), mem.datasz (u64 instant, KB, VmData of /proc/self/status).
/// Refresh reads both sources into reused buffers: no allocation per tick.
/// </summary>
internal sealed class SelfMetrics : IDisposable
{
    private readonly Metric _pid;
    private readonly Metric _user;
    private readonly Metric _sys;
    private readonly Metric _total;
    private readonly Metric _maxrss;
    private readonly Metric _datasz;
    private readonly byte[] _status = new byte[8192];
    private readonly SafeFileHandle? _statusFile;

    public SelfMetrics(MetricRegistry registry)
    {
        var ms = MetricUnits.Milliseconds;
        _pid = registry.Add("pid", MetricType.U32, MetricSemantics.Discrete, MetricUnits.None,
            "PID for the current process", "Process identifier for the current process");
        _user = registry.Add("cpu.user", MetricType.U64, MetricSemantics.Counter, ms,
            "user CPU time", "Cumulative process user CPU time from times(2)");
        _sys = registry.Add("cpu.sys", MetricType.U64, MetricSemantics.Counter, ms,
            "system CPU time", "Cumulative process system CPU time from times(2)");
        _total = registry.Add("cpu.total", MetricType.U64, MetricSemantics.Counter, ms,
            "system + user CPU time", "Cumulative process system and user CPU time from times(2)");
        _maxrss = registry.Add("mem.maxrss", MetricType.U64, MetricSemantics.Instant, MetricUnits.KBytes,
            "maximum RSS", "Maximum memory resident set size from getrusage(2)");
        _datasz = registry.Add("mem.datasz", MetricType.U64, MetricSemantics.Instant, MetricUnits.KBytes,
            "virtual data size", "Process memory virtual data size from sbrk(2)");
        _pid.Set(Environment.ProcessId);
        try
        {
            _statusFile = File.OpenHandle("/proc/self/status");
        }
        catch (IOException)
        {
            _statusFile = null; // not Linux /proc: datasz stays 0
        }
    }

    public void Refresh()
    {
        if (Libc.getrusage(Libc.RUsageSelf, out var usage) == 0)
        {
            var user = (usage.UserSeconds * 1000) + (usage.UserMicroseconds / 1000);
            var sys = (usage.SystemSeconds * 1000) + (usage.SystemMicroseconds / 1000);
            _user.Set(user);
            _sys.Set(sys);
            _total.Set(user + sys);
            _maxrss.Set(usage.MaxRssKb);
        }

        if (_statusFile is not null)
        {
            // /proc regenerates the file on every read from offset 0: one open handle serves forever.
            var n = RandomAccess.Read(_statusFile, _status, 0);
            _datasz.Set(ParseKb(_status.AsSpan(0, n), "VmData:"u8));
        }
    }

    public void Dispose() => _statusFile?.Dispose();

    /// <summary>The number after <paramref name="key"/> on its line (kB), or 0.</summary>
    internal static long ParseKb(ReadOnlySpan<byte> text, ReadOnlySpan<byte> key)
    {
        var at = text.IndexOf(key);
        if (at < 0)
        {
            return 0;
        }

        long value = 0;
        foreach (var b in text[(at + key.Length)..])
        {
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                value = (value * 10) + (b - '0');
            }
            else if (b == '\n' || (value > 0 && b == ' '))
            {
                break;
            }
        }

        return value;
    }

}
