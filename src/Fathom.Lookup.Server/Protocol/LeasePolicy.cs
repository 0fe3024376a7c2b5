using Fathom.Lookup.Records;

namespace Fathom.Lookup.Server.Protocol;

/// <summary>
/// The lease a TTL gets, as the reference server's LeaseManager grants it: 0, or outside
/// [min, max], takes the default (not clamped); a TTL that is not an ISO 8601 duration is refused.
/// </summary>
internal sealed class LeasePolicy(TimeSpan defaultTtl, TimeSpan minTtl, TimeSpan maxTtl)
{
    /// <summary>The lease for <paramref name="ttl"/> (null: none asked); false with a reason when it is refused.</summary>
    public bool TryGrant(string? ttl, out TimeSpan lease, out string refusal)
    {
        refusal = "";
        lease = defaultTtl;
        if (string.IsNullOrEmpty(ttl))
        {
            return true;
        }

        if (!IsoDuration.TryParse(ttl, out var asked))
        {
            refusal = $"lease refused: ttl '{Shorten(ttl)}' is not an ISO 8601 duration (e.g. PT60M)";
            return false;
        }

        if (asked >= minTtl && asked <= maxTtl)
        {
            lease = asked;
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
