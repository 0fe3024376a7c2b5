using System.Text;
using Fathom.ArchiveIngest;

namespace Fathom.InfluxPeer;

/// <summary>
/// Line-protocol payloads of <see cref="BatchPoints"/> points each, in the order the Fathom drivers
/// write: round by round (one point per series per step), series in index order, values from the
/// same "mixed" generator, so both archives receive the same points.
/// </summary>
internal sealed class LineBatches
{
    private readonly byte[][] _prefixes;
    private readonly DataShape _shape;
    private readonly Values _values;
    private readonly long _limit;
    private readonly byte[] _scratch;
    private long _round;
    private int _series;
    private long _produced;

    public LineBatches(DataShape shape, int seriesCount, int batchPoints, long limit)
    {
        _shape = shape;
        BatchPoints = batchPoints;
        _limit = limit <= 0 ? long.MaxValue : limit;
        _values = new Values(seriesCount, random: false);
        // "name,tag=value value=": everything of a line before the value, built once per series.
        _prefixes = Enumerable.Range(0, seriesCount)
            .Select(s => Encoding.UTF8.GetBytes($"{shape.Name},{shape.TagKey}={shape.TagValue(s)} value="))
            .ToArray();

        // A line: its prefix, a double (at most 24 characters), a space, a time (at most 20), a newline.
        _scratch = new byte[batchPoints * (_prefixes.Max(p => p.Length) + 46)];
    }

    public int BatchPoints { get; }

    public long Produced => _produced;

    /// <summary>The next payload and its point count, or null when the limit is reached.</summary>
    public (byte[] Payload, int Points)? Next()
    {
        var span = _scratch.AsSpan();
        var at = 0;
        var points = 0;
        while (points < BatchPoints && _produced < _limit)
        {
            var prefix = _prefixes[_series];
            prefix.CopyTo(span[at..]);
            at += prefix.Length;
            var value = _values.Next(_series, _round);
            if (!value.TryFormat(span[at..], out var n, default, System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("value does not fit");
            }

            at += n;
            span[at++] = (byte)' ';
            var time = _shape.T0 + (_round * _shape.Step);
            if (!time.TryFormat(span[at..], out n, default, System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("time does not fit");
            }

            at += n;
            span[at++] = (byte)'\n';
            points++;
            _produced++;
            if (++_series == _prefixes.Length)
            {
                _series = 0;
                _round++;
            }
        }

        return points == 0 ? null : (span[..at].ToArray(), points);
    }
}
