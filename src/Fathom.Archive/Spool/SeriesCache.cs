using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

/// <summary>
/// The reader's series seen in earlier records, keyed by the CRC-32C of their encoded bytes and
/// checked byte for byte, so a record of known series decodes without building a key again.
/// </summary>
internal sealed class SeriesCache
{
    private const int Max = 100_000;
    private readonly Dictionary<uint, (byte[] Raw, SeriesKey Key)> _map = [];

    public SeriesKey? Find(ReadOnlySpan<byte> raw, uint hash) =>
        _map.TryGetValue(hash, out var e) && raw.SequenceEqual(e.Raw) ? e.Key : null;

    public void Add(ReadOnlySpan<byte> raw, uint hash, SeriesKey key)
    {
        if (_map.Count >= Max)
        {
            _map.Clear();
        }

        _map[hash] = (raw.ToArray(), key);
    }
}
