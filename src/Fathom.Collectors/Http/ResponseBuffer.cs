using System.Text;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Http;

/// <summary>
/// A read buffer over the response stream that finds header blocks and lines within a size limit,
/// and notes the arrival of the first response byte.
/// </summary>
internal sealed class ResponseBuffer(Stream stream, Action onFirstByte)
{
    public const int MaxHead = 64 * 1024;
    private readonly byte[] _buffer = new byte[MaxHead];
    private int _start;
    private int _end;
    private bool _sawByte;

    public bool SawByte => _sawByte;

    /// <summary>Reads one header block; its text without the blank line that ends it.</summary>
    public async Task<string> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var end = FindBlankLine(scanned, out var after);
            if (end >= 0)
            {
                var text = Encoding.Latin1.GetString(_buffer, _start, end - _start);
                _start = after;
                return text;
            }

            scanned = Math.Max(0, _end - _start - 3);
            if (_end - _start >= MaxHead)
            {
                throw new ProbeException($"malformed response: headers larger than {MaxHead / 1024} KiB");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new ProbeException(_sawByte
                    ? "malformed response: connection closed inside the headers"
                    : "connection closed without a response");
            }
        }
    }

    /// <summary>One line without its CR LF; null at the end of the stream.</summary>
    public async Task<string?> ReadLineAsync(int maxLength, string what, CancellationToken cancellationToken)
    {
        var scanned = _start;
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
            if (lf >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, lf - _start).TrimEnd('\r');
                _start = lf + 1;
                return line;
            }

            if (_end - _start > maxLength)
            {
                throw new ProbeException($"malformed response: {what} line longer than {maxLength} bytes");
            }

            var offset = _end - _start;
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            scanned = _start + offset;
        }
    }

    /// <summary>Buffered bytes first, then straight from the stream; 0 at the end of the stream.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_end > _start)
        {
            var n = Math.Min(destination.Length, _end - _start);
            _buffer.AsMemory(_start, n).CopyTo(destination);
            _start += n;
            return n;
        }

        var read = await stream.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        NoteBytes(read);
        return read;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        NoteBytes(read);
        _end += read;
        return read > 0;
    }

    private void NoteBytes(int read)
    {
        if (read > 0 && !_sawByte)
        {
            _sawByte = true;
            onFirstByte();
        }
    }

    /// <summary>The end of the block before "\n\r\n" or "\n\n", searched from <paramref name="from"/> past the start.</summary>
    private int FindBlankLine(int from, out int after)
    {
        for (var i = _start + from; i < _end; i++)
        {
            if (_buffer[i] != '\n')
            {
                continue;
            }

            if (i + 1 < _end && _buffer[i + 1] == '\n')
            {
                after = i + 2;
                return i;
            }

            if (i + 2 < _end && _buffer[i + 1] == '\r' && _buffer[i + 2] == '\n')
            {
                after = i + 3;
                return i;
            }
        }

        after = 0;
        return -1;
    }
}
