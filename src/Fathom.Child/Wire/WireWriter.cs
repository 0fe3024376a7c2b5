using System.Globalization;
using System.Text;
using System.Text.Json;
using Fathom.Core.Measurements;
using Fathom.Core.Scheduling;

namespace Fathom.Child.Wire;

/// <summary>The child's sink: measurements as <see cref="WireFormat"/> lines on a stream (its stdout).</summary>
public sealed class WireWriter(Stream output) : IMeasurementSink, IDisposable
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 65536) { AutoFlush = false, NewLine = "\n" };
    private readonly Dictionary<SeriesKey, int> _series = [];
    private readonly object _gate = new();

    public void Write(in Measurement measurement)
    {
        lock (_gate)
        {
            switch (measurement.Kind)
            {
                case MeasurementKind.Sample:
                    var s = measurement.Sample;
                    if (!_series.TryGetValue(s.Series, out var index))
                    {
                        index = _series.Count;
                        _series[s.Series] = index;
                        var tags = s.Series.Tags.ToDictionary(t => t.Key, t => t.Value);
                        _writer.WriteLine($"D\t{index}\t{JsonSerializer.Serialize(new WireSeries(s.Series.Name, s.Series.Unit, tags), WireJson.Default.WireSeries)}");
                    }

                    _writer.Write("S\t");
                    _writer.Write(index.ToString(CultureInfo.InvariantCulture));
                    _writer.Write('\t');
                    _writer.Write(s.TimeUnixNs.ToString(CultureInfo.InvariantCulture));
                    _writer.Write('\t');
                    _writer.WriteLine(s.Value.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case MeasurementKind.Event:
                    var e = measurement.Event;
                    _writer.WriteLine($"E\t{JsonSerializer.Serialize(new WireEvent(e.Name, e.Tags.ToDictionary(t => t.Key, t => t.Value), e.TimeUnixNs, e.Json), WireJson.Default.WireEvent)}");
                    break;
                case MeasurementKind.Status:
                    var st = measurement.Status;
                    _writer.WriteLine($"T\t{JsonSerializer.Serialize(new WireStatus(st.Element, st.TimeUnixNs, st.Oper, st.Admin, st.PreviousUnixNs), WireJson.Default.WireStatus)}");
                    break;
            }
        }
    }

    public void WriteCounters(CollectorStats stats)
    {
        lock (_gate)
        {
            var last = stats.LastRun;
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"C\t{stats.Runs}\t{stats.Failures}\t{stats.Timeouts}\t{stats.Overruns}\t{(long)stats.LastDuration.TotalMicroseconds}\t{last?.Start.UtcTicks ?? 0}\t{(long?)last?.Duration.TotalMicroseconds ?? 0}\t{stats.RunningSince?.UtcTicks ?? 0}\t{stats.NextRun?.UtcTicks ?? 0}\t{stats.ManualRuns}\t{WireFormat.OneLine(last?.Error)}"));
        }
    }

    /// <summary>Answers the parent's command <paramref name="seq"/>, sent at once (the parent waits for it).</summary>
    public void WriteAnswer(long seq, string result)
    {
        lock (_gate)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A\t{seq}\t{result}"));
            _writer.Flush();
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}
