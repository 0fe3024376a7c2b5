using System.Text.RegularExpressions;

namespace Fathom.Collectors.Http;

/// <summary>One http collector's request and expectations, as read from its block.</summary>
internal sealed record HttpSettings
{
    public required Uri Url { get; init; }

    public string Method { get; init; } = "GET";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string? Body { get; init; }

    public StatusRanges ExpectStatus { get; init; } = StatusRanges.Default;

    public Regex? ExpectBody { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool FollowRedirects { get; init; } = true;

    public bool Insecure { get; init; }

    public const int MaxRedirects = 10;

    /// <summary>Bytes of body kept for expect_body; the rest is counted, not kept.</summary>
    public const int BodyKeepLimit = 10 * 1024 * 1024;
}
