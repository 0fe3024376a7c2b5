using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Fathom.Lookup.Server.Protocol;

/// <summary>Reads a request body whole, refusing one over the limit or one that is not UTF-8 (each with the number that tells why).</summary>
internal static class RequestBody
{
    public static async Task<(byte[] Body, BadRequest? Error)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } announced && announced > limit)
        {
            return ([], BadRequest.Invalid(string.Create(CultureInfo.InvariantCulture, $"the request body is {announced} bytes; the limit is {limit} bytes")));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return ([], BadRequest.Invalid(string.Create(CultureInfo.InvariantCulture, $"the request body is over the limit of {limit} bytes")));
                }
            }

            var body = buffer.AsSpan(0, length).ToArray();
            if (InvalidUtf8At(body) is { } at)
            {
                return ([], BadRequest.Invalid(string.Create(CultureInfo.InvariantCulture, $"the request body is not valid UTF-8 (at byte {at})")));
            }

            return (body, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            _ = Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>True when the body holds nothing but whitespace (an empty renew or delete).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
