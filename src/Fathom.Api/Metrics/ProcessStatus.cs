using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Api.Metrics;

/// <summary>
/// Prometheus' standard process figures PCP's six lack, read at each scrape: resident and virtual
/// memory from /proc/self/statm (one open handle, a reused buffer), and the start time (once).
/// </summary>
internal sealed class ProcessStatus : IDisposable
{
    private readonly SafeFileHandle? _statm;
    private readonly byte[] _buffer = new byte[256];

    public ProcessStatus()
    {
        using var self = Process.GetCurrentProcess();
        StartTimeSeconds = new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        try
        {
            _statm = File.OpenHandle("/proc/self/statm");
        }
        catch (IOException)
        {
            _statm = null; // not Linux /proc: memory figures stay NaN
        }
    }

    public double StartTimeSeconds { get; }

    /// <summary>(resident, virtual) bytes now; NaN when unreadable.</summary>
    public (double Resident, double Virtual) Memory()
    {
        if (_statm is null)
        {
            return (double.NaN, double.NaN);
        }

        // statm: size resident shared text lib data dt, in pages; /proc regenerates it at offset 0.
        var text = _buffer.AsSpan(0, RandomAccess.Read(_statm, _buffer, 0));
        var size = Next(ref text);
        var resident = Next(ref text);
        double page = Environment.SystemPageSize;
        return (resident * page, size * page);
    }

    public void Dispose() => _statm?.Dispose();

    private static long Next(ref Span<byte> text)
    {
        long value = 0;
        var i = 0;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        text = text[i..];
        return value;
    }
}
