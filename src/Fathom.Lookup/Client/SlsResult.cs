using Fathom.Lookup.Records;

namespace Fathom.Lookup.Client;

/// <summary>One lookup server reply, classified; <see cref="Uri"/> and <see cref="Expires"/> are set when <see cref="Outcome"/> is Ok (expires may be missing from a delete).</summary>
public sealed record SlsResult(SlsOutcome Outcome, int Status, string? Uri, DateTimeOffset? Expires, LookupRecord? Record, string? Error)
{
    /// <summary>A failure without an HTTP status (timeout, refused connection, …).</summary>
    public static SlsResult Network(string error) => new(SlsOutcome.RetryLater, 0, null, null, null, error);
}
