using Fathom.Lookup.Records;

namespace Fathom.Lookup.Server.Store;

/// <summary>
/// A record as the server holds it: the record with its server keys (uri, expires, state, ttl),
/// when it expires, its registration order, and its content key (the duplicate check).
/// </summary>
internal sealed record StoredRecord(string Uri, LookupRecord Record, DateTimeOffset Expires, long Sequence, string ContentKey)
{
    public bool IsLive(DateTimeOffset now) => Expires > now;
}
