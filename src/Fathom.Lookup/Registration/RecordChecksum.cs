using System.Security.Cryptography;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Registration;

/// <summary>A record's content as a short hex digest (SHA-256 of its JSON, ttl left out): equal content, equal checksum.</summary>
internal static class RecordChecksum
{
    public static string Of(LookupRecord content)
    {
        var copy = content.Clone();
        _ = copy.Remove(LookupKeys.Ttl);
        return Convert.ToHexStringLower(SHA256.HashData(LookupRecordJson.ToUtf8(copy, serverScalars: false)).AsSpan(0, 16));
    }
}
