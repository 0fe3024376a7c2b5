using Microsoft.Win32.SafeHandles;

namespace Fathom.Archive.Spool;

/// <summary>A read buffer over a file that hands out spans of [offset, offset + count), refilled as the scan moves.</summary>
internal sealed class FileWindow(SafeFileHandle handle, long length)
{
    private byte[] _buffer = new byte[1 << 20];
    private long _start;
    private int _filled;

    public long Length { get; } = length;

    /// <summary>Up to <paramref name="count"/> bytes at <paramref name="offset"/> (fewer at the end of the file).</summary>
    public ReadOnlySpan<byte> Get(long offset, int count)
    {
        count = (int)Math.Min(count, Length - offset);
        if (offset < _start || offset + count > _start + _filled)
        {
            if (count > _buffer.Length)
            {
                _buffer = new byte[count];
            }

            _start = offset;
            _filled = 0;
            var want = (int)Math.Min(_buffer.Length, Length - offset);
            while (_filled < want)
            {
                var n = RandomAccess.Read(handle, _buffer.AsSpan(_filled, want - _filled), offset + _filled);
                if (n == 0)
                {
                    break;
                }

                _filled += n;
            }

            count = Math.Min(count, _filled);
        }

        return _buffer.AsSpan((int)(offset - _start), count);
    }
}
