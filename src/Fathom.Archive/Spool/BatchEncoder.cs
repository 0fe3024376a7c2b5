using System.Buffers.Binary;
using System.Text;
using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

/// <summary>
/// Encodes a batch as one record (frame header left for <see cref="RecordFrame.Seal"/>): a table of
/// the series its samples use, then every measurement in order with a head varint (series index × 4
/// for a sample; 1 event; 2 status), times as zigzag deltas, values as raw IEEE bits. Reuses its buffer.
/// </summary>
internal sealed class BatchEncoder
{
    private readonly Dictionary<SeriesKey, int> _series = [];
    private readonly List<SeriesKey> _order = [];
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;

    /// <summary>The last encoded record (header and payload).</summary>
    public Span<byte> Record => _buffer.AsSpan(0, _length);

    public void Encode(ReadOnlySpan<Measurement> batch)
    {
        _series.Clear();
        _order.Clear();
        foreach (ref readonly var m in batch)
        {
            if (m.Kind == MeasurementKind.Sample && _series.TryAdd(m.Sample.Series, _order.Count))
            {
                _order.Add(m.Sample.Series);
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
            Text(s.Name);
            Text(s.Unit);
            Tags(s.Tags);
        }

        long previous = 0;
        foreach (ref readonly var m in batch)
        {
            switch (m.Kind)
            {
                case MeasurementKind.Sample:
                    VarUInt((ulong)_series[m.Sample.Series] << 2);
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
                    VarUInt(2);
                    Text(st.Element);
                    VarInt(st.TimeUnixNs - previous);
                    previous = st.TimeUnixNs;
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
