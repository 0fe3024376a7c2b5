using System.Globalization;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Http;

/// <summary>A parsed status line and header fields.</summary>
internal sealed class ResponseHead(int status, IReadOnlyList<KeyValuePair<string, string>> headers)
{
    public int Status { get; } = status;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public string? Get(string name)
    {
        foreach (var h in Headers)
        {
            if (h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return h.Value;
            }
        }

        return null;
    }

    /// <summary>True when the last transfer coding is chunked (RFC 9112 6.1).</summary>
    public bool IsChunked =>
        Get("Transfer-Encoding") is { } te && te.Split(',')[^1].Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase);

    /// <summary>The declared body length; null when absent; a bad or conflicting value fails the probe.</summary>
    public long? ContentLength()
    {
        long? length = null;
        foreach (var h in Headers)
        {
            if (!h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A list of identical values is allowed (RFC 9110 8.6); anything else is a framing error.
            foreach (var item in h.Value.Split(','))
            {
                if (!long.TryParse(item.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (length is { } l && l != n))
                {
                    throw new ProbeException($"malformed response: bad Content-Length '{HttpText.Excerpt(h.Value)}'");
                }

                length = n;
            }
        }

        return length;
    }
}
