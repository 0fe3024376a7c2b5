using System.Globalization;
using System.Text.Json;
using Fathom.Core.Measurements;
using Fathom.Core.Scheduling;

namespace Fathom.Child.Wire;

/// <summary>The parent's side: parses a child's lines into the pipeline and its counters; answers to commands go to <paramref name="onAnswer"/>.</summary>
public sealed class WireReader(IMeasurementSink sink, CollectorStats stats, Action<string> onBadLine, Action<long, string>? onAnswer = null)
{
    private readonly Dictionary<int, SeriesKey> _series = [];
    private long _runsSeen;
    private long _failuresSeen;
    private long _timeoutsSeen;
    private long _overrunsSeen;
    private long _manualSeen;

    /// <summary>Reads until the child closes its stdout.</summary>
    public async Task PumpAsync(Stream input, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            try
            {
                Apply(line);
            }
            catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException)
            {
                onBadLine($"malformed line from child ({e.Message}): {Truncate(line)}");
            }
        }
    }

    public void Apply(string line)
    {
        if (line.Length < 2 || line[1] != '\t')
        {
            throw new FormatException("no record type");
        }

        var body = line.AsSpan(2);
        switch (line[0])
        {
            case WireFormat.Define:
                var tab = body.IndexOf('\t');
                var index = int.Parse(body[..tab], CultureInfo.InvariantCulture);
                var def = JsonSerializer.Deserialize(body[(tab + 1)..], WireJson.Default.WireSeries) ?? throw new FormatException("empty series");
                _series[index] = new SeriesKey(def.Name, def.Unit, def.Tags);
                break;
            case WireFormat.Sample:
                var t1 = body.IndexOf('\t');
                var series = _series[int.Parse(body[..t1], CultureInfo.InvariantCulture)];
                var rest = body[(t1 + 1)..];
                var t2 = rest.IndexOf('\t');
                var time = long.Parse(rest[..t2], CultureInfo.InvariantCulture);
                var value = double.Parse(rest[(t2 + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
                sink.Write(Measurement.Of(new Sample(series, time, value)));
                break;
            case WireFormat.Event:
                var ev = JsonSerializer.Deserialize(body, WireJson.Default.WireEvent) ?? throw new FormatException("empty event");
                sink.Write(Measurement.Of(new EventRecord(ev.Name, [.. ev.Tags], ev.TimeUnixNs, ev.Json)));
                break;
            case WireFormat.Status:
                var st = JsonSerializer.Deserialize(body, WireJson.Default.WireStatus) ?? throw new FormatException("empty status");
                sink.Write(Measurement.Of(new StatusRecord(st.Element, st.TimeUnixNs, st.Oper, st.Admin) { PreviousUnixNs = st.PreviousUnixNs }));
                break;
            case WireFormat.Counters:
                ApplyCounters(body.ToString().Split('\t', 11));
                break;
            case WireFormat.Answer:
                var a = body.IndexOf('\t');
                var seq = long.Parse(body[..a], CultureInfo.InvariantCulture);
                onAnswer?.Invoke(seq, body[(a + 1)..].ToString());
                break;
            default:
                throw new FormatException($"unknown record type '{line[0]}'");
        }
    }

    private void ApplyCounters(string[] f)
    {
        // One reader serves one child incarnation: its counters only grow, so add what is new.
        var runs = long.Parse(f[0], CultureInfo.InvariantCulture);
        var last = TimeSpan.FromMicroseconds(long.Parse(f[4], CultureInfo.InvariantCulture));
        for (var i = _runsSeen; i < runs; i++)
        {
            stats.RunFinished(last);
        }

        _runsSeen = Math.Max(_runsSeen, runs);
        AddDelta(ref _failuresSeen, long.Parse(f[1], CultureInfo.InvariantCulture), () => stats.Failed());
        AddDelta(ref _timeoutsSeen, long.Parse(f[2], CultureInfo.InvariantCulture), () => stats.TimedOut());
        AddDelta(ref _overrunsSeen, long.Parse(f[3], CultureInfo.InvariantCulture), () => stats.Overran());
        if (f.Length >= 11)
        {
            AddDelta(ref _manualSeen, long.Parse(f[9], CultureInfo.InvariantCulture), () => stats.ManualRunStarted());
            var lastStart = Ticks(f[5]);
            var lastRun = lastStart is { } start
                ? new CollectorRun(start, TimeSpan.FromMicroseconds(long.Parse(f[6], CultureInfo.InvariantCulture)), f[10].Length > 0 ? f[10] : null)
                : null;
            stats.Report(lastRun, Ticks(f[7]), Ticks(f[8]));
        }
    }

    private static DateTimeOffset? Ticks(string field) =>
        long.Parse(field, CultureInfo.InvariantCulture) is > 0 and var t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private static void AddDelta(ref long seen, long now, Action count)
    {
        for (var i = seen; i < now; i++)
        {
            count();
        }

        seen = Math.Max(seen, now);
    }

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
