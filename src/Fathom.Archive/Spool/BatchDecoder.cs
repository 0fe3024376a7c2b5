using System.Buffers.Binary;
using System.Text;
using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

/// <summary>
/// Decodes a record's payload (see <see cref="BatchEncoder"/>). Every count and length is checked
/// against the bytes left before anything is allocated, so a corrupt field cannot ask for more
/// memory than the record holds.
/// </summary>
internal ref struct BatchDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private int _at;

    private BatchDecoder(ReadOnlySpan<byte> payload)
    {
        _data = payload;
        _at = RecordFrame.PrefixBytes;
    }

    private readonly int Left => _data.Length - _at;

    public static Measurement[] Decode(ReadOnlySpan<byte> payload, SeriesCache? cache = null)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(payload[17..]);
        var d = new BatchDecoder(payload);
        return d.Read(count, cache);
    }

    private Measurement[] Read(int count, SeriesCache? cache)
    {
        var seriesCount = Count(3);
        var series = new SeriesKey[seriesCount];
        for (var i = 0; i < series.Length; i++)
        {
            var start = _at;
            SkipText();
            SkipText();
            var tagCount = Count(2);
            for (var t = 0; t < tagCount * 2; t++)
            {
                SkipText();
            }

            var raw = _data[start.._at];
            var hash = Crc32C.Compute(raw);
            if (cache?.Find(raw, hash) is { } known)
            {
                series[i] = known;
                continue;
            }

            _at = start;
            var name = Text();
            var unit = Text();
            series[i] = new SeriesKey(name.Length == 0 ? throw Bad("an empty series name") : name, unit, Tags());
            cache?.Add(raw, hash, series[i]);
        }

        // Every measurement takes at least two bytes.
        if (count < 0 || count > Left / 2)
        {
            throw Bad($"a count of {count} measurements in {Left} bytes");
        }

        var result = new Measurement[count];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            var head = VarUInt();
            switch (head & 3)
            {
                case 0:
                    var index = head >> 2;
                    if (index >= (ulong)series.Length)
                    {
                        throw Bad($"series index {index} of {series.Length}");
                    }

                    previous += VarInt();
                    if (Left < 8)
                    {
                        throw Bad("a value cut short");
                    }

                    var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(_data[_at..]));
                    _at += 8;
                    result[i] = Measurement.Of(new Sample(series[index], previous, value));
                    break;
                case 1 when head == 1:
                    var name = Text();
                    var tags = Tags();
                    previous += VarInt();
                    result[i] = Measurement.Of(new EventRecord(name, tags, previous, Text()));
                    break;
                case 2 when head is 2 or 6:
                    var element = Text();
                    previous += VarInt();
                    long? before = head == 6 ? VarInt() : null;
                    var oper = Text();
                    var adminLength = Count(1);
                    string? admin = adminLength == 0 ? null : Chars(adminLength - 1);
                    result[i] = Measurement.Of(new StatusRecord(element, previous, oper, admin) { PreviousUnixNs = before });
                    break;
                default:
                    throw Bad($"measurement head {head}");
            }
        }

        return Left == 0 ? result : throw Bad($"{Left} bytes after the last measurement");
    }

    private KeyValuePair<string, string>[] Tags()
    {
        var tags = new KeyValuePair<string, string>[Count(2)];
        for (var i = 0; i < tags.Length; i++)
        {
            var key = Text();
            tags[i] = new(key, Text());
        }

        return tags;
    }

    private string Text() => Chars(Count(1));

    private void SkipText()
    {
        var bytes = Count(1);
        _at += bytes <= Left ? bytes : throw Bad($"a text of {bytes} bytes with {Left} left");
    }

    private string Chars(int bytes)
    {
        if (bytes > Left)
        {
            throw Bad($"a text of {bytes} bytes with {Left} left");
        }

        var s = Encoding.UTF8.GetString(_data.Slice(_at, bytes));
        _at += bytes;
        return s;
    }

    // A count of items that take at least minBytes each: never more than the bytes left allow.
    private int Count(int minBytes)
    {
        var v = VarUInt();
        return v > (ulong)(Left / minBytes) + (ulong)(minBytes == 1 ? 1 : 0) ? throw Bad($"a count of {v} with {Left} bytes left") : (int)v;
    }

    private long VarInt()
    {
        var v = VarUInt();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    private ulong VarUInt()
    {
        ulong v = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_at >= _data.Length)
            {
                throw Bad("a number cut short");
            }

            var b = _data[_at++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
        }

        throw Bad("a number of more than 10 bytes");
    }

    private readonly SpoolFormatException Bad(string what) => new($"{what} at payload offset {_at}");
}
