using System.Buffers.Binary;
using System.Text;
using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

/// <summary>
/// Encodes a batch as one record (frame header left for <see cref="RecordFrame.Seal"/>): a table of
/// the series its samples use, then every measurement in order with a head varint (series index × 4
/// for a sample; 1 event; 2 status; 6 status with its previous observation time, which files of older
/// versions lack), times as zigzag deltas, values as raw IEEE bits. Reuses its buffer.
/// </summary>
internal sealed class BatchEncoder
{
    private const int MaxCachedSeries = 100_000;
    private readonly Dictionary<SeriesKey, int> _series = new(SeriesIdentity.Instance);
    private readonly List<SeriesKey> _order = [];

    // Series entries encoded once and copied into every record that uses them.
    private readonly Dictionary<SeriesKey, byte[]> _encoded = new(SeriesIdentity.Instance);
    private int[] _indexes = new int[1024];
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;

    /// <summary>The last encoded record (header and payload).</summary>
    public Span<byte> Record => _buffer.AsSpan(0, _length);

    public void Encode(ReadOnlySpan<Measurement> batch)
    {
        _series.Clear();
        _order.Clear();
        if (_indexes.Length < batch.Length)
        {
            _indexes = new int[Math.Max(batch.Length, _indexes.Length * 2)];
        }

        for (var i = 0; i < batch.Length; i++)
        {
            if (batch[i].Kind == MeasurementKind.Sample)
            {
                var key = batch[i].Sample.Series;
                if (!_series.TryGetValue(key, out var index))
                {
                    index = _order.Count;
                    _series.Add(key, index);
                    _order.Add(key);
                }

                _indexes[i] = index;
            }
        }

        _length = RecordFrame.HeaderBytes;
        Ensure(RecordFrame.PrefixBytes);
        _buffer[_length] = RecordFrame.Version;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length + 17), batch.Length);
        _length += RecordFrame.PrefixBytes;
        VarUInt((ulong)_order.Count);
        foreach (var s in _order)
        {
            SeriesEntry(s);
        }

        long previous = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            ref readonly var m = ref batch[i];
            switch (m.Kind)
            {
                case MeasurementKind.Sample:
                    VarUInt((ulong)_indexes[i] << 2);
                    VarInt(m.Sample.TimeUnixNs - previous);
                    previous = m.Sample.TimeUnixNs;
                    Ensure(8);
                    BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), BitConverter.DoubleToInt64Bits(m.Sample.Value));
                    _length += 8;
                    break;
                case MeasurementKind.Event:
                    var e = m.Event;
                    VarUInt(1);
                    Text(e.Name);
                    Tags(e.Tags);
                    VarInt(e.TimeUnixNs - previous);
                    previous = e.TimeUnixNs;
                    Text(e.Json);
                    break;
                default:
                    var st = m.Status;
                    VarUInt(st.PreviousUnixNs is null ? 2UL : 6UL);
                    Text(st.Element);
                    VarInt(st.TimeUnixNs - previous);
                    previous = st.TimeUnixNs;
                    if (st.PreviousUnixNs is { } before)
                    {
                        VarInt(before);
                    }

                    Text(st.Oper);
                    if (st.Admin is null)
                    {
                        VarUInt(0);
                    }
                    else
                    {
                        TextPlusOne(st.Admin);
                    }

                    break;
            }
        }

        if (_length - RecordFrame.HeaderBytes > RecordFrame.MaxPayloadBytes)
        {
            throw new ArgumentException($"a batch of {batch.Length} measurements encodes to {_length} bytes, above the spool's record limit of {RecordFrame.MaxPayloadBytes}", nameof(batch));
        }
    }

    private void SeriesEntry(SeriesKey key)
    {
        if (!_encoded.TryGetValue(key, out var bytes))
        {
            var start = _length;
            Text(key.Name);
            Text(key.Unit);
            Tags(key.Tags);
            if (_encoded.Count >= MaxCachedSeries)
            {
                _encoded.Clear();
            }

            _encoded[key] = _buffer.AsSpan(start, _length - start).ToArray();
            return;
        }

        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Tags(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        VarUInt((ulong)tags.Count);
        foreach (var t in tags)
        {
            Text(t.Key);
            Text(t.Value);
        }
    }

    private void Text(string s) => WriteText(s, 0);

    private void TextPlusOne(string s) => WriteText(s, 1);

    private void WriteText(string s, int bias)
    {
        var bytes = Encoding.UTF8.GetByteCount(s);
        VarUInt((ulong)(bytes + bias));
        Ensure(bytes);
        _length += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_length));
    }

    private void VarInt(long v) => VarUInt((ulong)((v << 1) ^ (v >> 63)));

    private void VarUInt(ulong v)
    {
        Ensure(10);
        while (v >= 0x80)
        {
            _buffer[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }

        _buffer[_length++] = (byte)v;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
