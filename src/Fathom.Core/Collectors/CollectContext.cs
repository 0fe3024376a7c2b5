using System.Diagnostics.CodeAnalysis;
using Fathom.Core.Measurements;
using Microsoft.Extensions.Logging;

namespace Fathom.Core.Collectors;

/// <summary>
/// What a collector run emits through. Every timestamp comes from <see cref="Time"/>; samples
/// and events emitted without a time carry the run's time (<see cref="RunTimeUnixNs"/>); every
/// series carries the tag collector=ID. Not thread-safe per run: one run, one context user at a
/// time (a collector that fans out must emit from one task or lock).
/// </summary>
public sealed class CollectContext
{
    private readonly IMeasurementSink _sink;
    private long _problems;

    public CollectContext(string collectorId, TimeProvider time, IMeasurementSink sink, ILogger logger)
    {
        CollectorId = collectorId;
        Time = time;
        _sink = sink;
        Logger = logger;
        CollectorTag = new("collector", collectorId);
    }

    public string CollectorId { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public KeyValuePair<string, string> CollectorTag { get; }

    /// <summary>Problems reported through <see cref="ReportProblem"/> since start.</summary>
    public long Problems => Interlocked.Read(ref _problems);

    /// <summary>
    /// The time of the current run, set by the scheduler at its start: the scheduled time when the
    /// run started within <see cref="Scheduling.CollectorRunner.TimestampTolerance"/> of it, else the
    /// start. So all samples of a run line up (as a Prometheus scrape does), and an aligned schedule
    /// gives exactly regular times, which the archive stores in about a bit each. 0 outside a
    /// scheduler: then samples carry the time they are emitted.
    /// </summary>
    public long RunTimeUnixNs { get; internal set; }

    /// <summary>Now, as Unix nanoseconds from <see cref="Time"/>.</summary>
    public long NowUnixNs() => ToUnixNs(Time.GetUtcNow());

    public static long ToUnixNs(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>A series key tagged with this collector's ID plus <paramref name="tags"/>. Cache it.</summary>
    public SeriesKey Series(string name, string unit, params ReadOnlySpan<KeyValuePair<string, string>> tags)
    {
        var all = new List<KeyValuePair<string, string>>(tags.Length + 1) { CollectorTag };
        foreach (var t in tags)
        {
            if (t.Key != "collector")
            {
                all.Add(t);
            }
        }

        return new SeriesKey(name, unit, all);
    }

    public void Emit(SeriesKey series, double value) => Emit(series, value, SampleTimeUnixNs());

    public void Emit(SeriesKey series, double value, long timeUnixNs) =>
        _sink.Write(Measurement.Of(new Sample(series, timeUnixNs, value)));

    public void EmitEvent(string name, string json, params ReadOnlySpan<KeyValuePair<string, string>> tags)
    {
        // Like Series: the collector tag is this collector's own; a second one would make the tag
        // keys ambiguous (and a process-isolated collector's wire writer refuses duplicate keys).
        var all = new List<KeyValuePair<string, string>>(tags.Length + 1) { CollectorTag };
        foreach (var t in tags)
        {
            if (t.Key != "collector")
            {
                all.Add(t);
            }
        }

        _sink.Write(Measurement.Of(new EventRecord(name, all, SampleTimeUnixNs(), json)));
    }

    public void EmitStatus(string element, string oper, string? admin, long? timeUnixNs = null) =>
        _sink.Write(Measurement.Of(new StatusRecord(element, timeUnixNs ?? NowUnixNs(), oper, admin)));

    /// <summary>Logs a problem of this run (bad output line, failed probe) and counts it.</summary>
    [SuppressMessage("Usage", "CA2254", Justification = "message is data")]
    public void ReportProblem(string message)
    {
        Interlocked.Increment(ref _problems);
        Logger.LogWarning("{Message}", message);
    }

    /// <summary>The time a sample of this run carries: <see cref="RunTimeUnixNs"/>, or now outside a scheduler.</summary>
    public long SampleTimeUnixNs() => RunTimeUnixNs != 0 ? RunTimeUnixNs : NowUnixNs();
}
