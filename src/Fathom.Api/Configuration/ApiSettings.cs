namespace Fathom.Api.Configuration;

/// <summary>
/// The &lt;api&gt; block. Absent: no API. Present: on by default, listening on 127.0.0.1:8085
/// unless <c>listen</c> says otherwise. <see cref="Token"/> (from <c>token_file</c>) enables the
/// admin endpoints and is required to listen beyond loopback; <see cref="Certificate"/> and
/// <see cref="Key"/> (PEM files) turn on TLS. <see cref="MaxPoints"/> bounds what one query may return.
/// </summary>
public sealed record ApiSettings(
    bool Enabled,
    IReadOnlyList<ApiListen> Listen,
    string? TokenFile,
    string? Token,
    string? Certificate,
    string? Key,
    int MaxPoints)
{
    public const int DefaultPort = 8085;

    public const int DefaultMaxPoints = 1_000_000;

    /// <summary>No &lt;api&gt; block: the API is off.</summary>
    public static ApiSettings Off { get; } = new(false, [], null, null, null, null, DefaultMaxPoints);

    public bool Tls => Certificate is not null;

    /// <summary>Equal settings need no restart on reload; the token itself is compared too (a rotated token file is picked up).</summary>
    public bool SameListeners(ApiSettings other) =>
        other is not null && Enabled == other.Enabled && Certificate == other.Certificate && Key == other.Key
        && Listen.Select(l => (l.Address, l.Port)).SequenceEqual(other.Listen.Select(l => (l.Address, l.Port)));
}
