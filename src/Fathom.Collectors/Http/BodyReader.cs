using System.Buffers;
using System.Globalization;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Http;

/// <summary>Reads a response body framed by chunked coding, Content-Length, or the connection's close.</summary>
internal static class BodyReader
{
    private const int MaxLine = 8 * 1024;

    public static async Task ReadAsync(ResponseBuffer input, ResponseHead head, BodySink sink, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            if (head.IsChunked)
            {
                await ReadChunkedAsync(input, chunk, sink, cancellationToken).ConfigureAwait(false);
            }
            else if (head.ContentLength() is { } length)
            {
                var got = await CopyAsync(input, chunk, length, sink, cancellationToken).ConfigureAwait(false);
                if (got < length)
                {
                    throw new ProbeException($"malformed response: truncated body, got {got} of {length} bytes (Content-Length)");
                }
            }
            else
            {
                await CopyAsync(input, chunk, long.MaxValue, sink, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task ReadChunkedAsync(ResponseBuffer input, byte[] chunk, BodySink sink, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await input.ReadLineAsync(MaxLine, "chunk size", cancellationToken).ConfigureAwait(false)
                ?? throw new ProbeException($"malformed response: truncated chunked body, connection closed after {sink.Count} bytes");
            var size = ChunkSize(line);
            if (size == 0)
            {
                break;
            }

            var got = await CopyAsync(input, chunk, size, sink, cancellationToken).ConfigureAwait(false);
            if (got < size)
            {
                throw new ProbeException($"malformed response: truncated chunked body, got {got} of a {size}-byte chunk");
            }

            var end = await input.ReadLineAsync(MaxLine, "chunk end", cancellationToken).ConfigureAwait(false);
            if (end is not { Length: 0 })
            {
                throw new ProbeException(end is null
                    ? "malformed response: truncated chunked body, connection closed after a chunk"
                    : $"malformed response: chunk of {size} bytes not followed by CR LF but '{HttpText.Excerpt(end)}'");
            }
        }

        // Trailer fields, up to the blank line; a peer that closes instead has still sent the whole body.
        var trailers = 0;
        while (await input.ReadLineAsync(MaxLine, "trailer", cancellationToken).ConfigureAwait(false) is { Length: > 0 } trailer)
        {
            trailers += trailer.Length;
            if (trailers > ResponseBuffer.MaxHead)
            {
                throw new ProbeException($"malformed response: trailers larger than {ResponseBuffer.MaxHead / 1024} KiB");
            }
        }
    }

    private static long ChunkSize(string line)
    {
        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
        var text = (semicolon < 0 ? line : line[..semicolon]).Trim(' ', '\t');
        // At most 15 hex digits: a 16th could wrap a long negative.
        if (text.Length is 0 or > 15 || !long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw new ProbeException($"malformed response: bad chunk size '{HttpText.Excerpt(line)}'");
        }

        return size;
    }

    private static async Task<long> CopyAsync(ResponseBuffer input, byte[] chunk, long count, BodySink sink, CancellationToken cancellationToken)
    {
        long got = 0;
        while (got < count)
        {
            var n = await input.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, count - got)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            sink.Write(chunk.AsSpan(0, n));
            got += n;
        }

        return got;
    }
}
