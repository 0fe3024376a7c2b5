using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Fathom.Api.Metrics;

/// <summary>A growable UTF-8 buffer rented from the shared pool: one scrape renders into it, then it goes back.</summary>
internal sealed class ExpositionBuffer : IDisposable
{
    private byte[] _bytes;
    private int _length;

    public ExpositionBuffer(int capacity) => _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 4096));

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _length);

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Write(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
    }

    public void Write(byte b)
    {
        Ensure(1);
        _bytes[_length++] = b;
    }

    /// <summary>A sample value: integers without a fraction, NaN and ±Inf as both formats spell them, else the shortest round-trip text.</summary>
    public void WriteValue(double value)
    {
        Ensure(32);
        var span = _bytes.AsSpan(_length);
        int n;
        if (double.IsNaN(value))
        {
            "NaN"u8.CopyTo(span);
            n = 3;
        }
        else if (double.IsInfinity(value))
        {
            (value > 0 ? "+Inf"u8 : "-Inf"u8).CopyTo(span);
            n = 4;
        }
        else if (Math.Abs(value) < 1e15 && value == Math.Floor(value))
        {
            _ = Utf8Formatter.TryFormat((long)value, span, out n);
        }
        else
        {
            _ = value.TryFormat(span, out n, default, CultureInfo.InvariantCulture);
        }

        _length += n;
    }

    public void Dispose()
    {
        var bytes = _bytes;
        _bytes = [];
        if (bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void Ensure(int more)
    {
        if (_length + more <= _bytes.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + more));
        _bytes.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = bigger;
    }
}
