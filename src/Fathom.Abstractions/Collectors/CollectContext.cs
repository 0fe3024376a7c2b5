using Fathom.Core.Measurements;
using Microsoft.Extensions.Logging;

namespace Fathom.Core.Collectors;

/// <summary>
/// What a collector run emits through. Every timestamp comes from <see cref="Time"/>; samples
/// and events emitted without a time carry the run's time (<see cref="RunTimeUnixNs"/>); every
/// series carries the tag collector=ID. Not thread-safe per run: one run, one context user at a
/// time (a collector that fans out must emit from one task or lock). The daemon supplies the
/// implementation; a plugin's own tests may derive one that keeps what <see cref="Write"/> gets.
/// </summary>
public abstract partial class CollectContext
{
    private readonly Dictionary<string, long> _lastStatus = new(StringComparer.Ordinal);
    private long _problems;

    /// <summary>Creates a context for the collector block <paramref name="collectorId"/>.</summary>
    /// <param name="collectorId">The block's ID; every series and event is tagged collector=ID.</param>
    /// <param name="time">The clock every timestamp comes from.</param>
    /// <param name="logger">Where <see cref="ReportProblem"/> logs.</param>
    protected CollectContext(string collectorId, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(collectorId);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        CollectorId = collectorId;
        Time = time;
        Logger = logger;
        CollectorTag = new("collector", collectorId);
    }

    /// <summary>The ID of the &lt;collector ID&gt; block this run belongs to.</summary>
    public string CollectorId { get; }

    /// <summary>The clock of the run; never read the wall clock directly.</summary>
    public TimeProvider Time { get; }

    /// <summary>The collector's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The tag collector=ID that every series and event of this collector carries.</summary>
    public KeyValuePair<string, string> CollectorTag { get; }

    /// <summary>Problems reported through <see cref="ReportProblem"/> since start.</summary>
    public long Problems => Interlocked.Read(ref _problems);

    /// <summary>
    /// The time of the current run as Unix nanoseconds, set by the scheduler at its start: the
    /// scheduled time when the run started within a few milliseconds of it, else the start. So all
    /// samples of a run line up (as a Prometheus scrape does), and an aligned schedule gives exactly
    /// regular times, which the archive stores in about a bit each. 0 outside a scheduler: then
    /// samples carry the time they are emitted.
    /// </summary>
    public abstract long RunTimeUnixNs { get; }

    /// <summary>Now, as Unix nanoseconds from <see cref="Time"/>.</summary>
    /// <returns>Nanoseconds since 1970-01-01T00:00:00Z.</returns>
    public long NowUnixNs() => ToUnixNs(Time.GetUtcNow());

    /// <summary>A time as Unix nanoseconds (100 ns resolution, like <see cref="DateTimeOffset"/>).</summary>
    /// <param name="t">The time to convert.</param>
    /// <returns>Nanoseconds since 1970-01-01T00:00:00Z.</returns>
    public static long ToUnixNs(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>A series key tagged with this collector's ID plus <paramref name="tags"/>. Cache it.</summary>
    /// <param name="name">The measurement name, module.quantity (e.g. ping.rtt.avg).</param>
    /// <param name="unit">One of <see cref="Units"/>; empty for none.</param>
    /// <param name="tags">The subject's tags; a collector tag among them is ignored.</param>
    /// <returns>The series key, to be reused for every point of the series.</returns>
    public SeriesKey Series(string name, string unit, params ReadOnlySpan<KeyValuePair<string, string>> tags) =>
        new(name, unit, WithCollectorTag(tags));

    /// <summary>Emits a sample at <see cref="SampleTimeUnixNs"/>.</summary>
    /// <param name="series">The series, from <see cref="Series"/>.</param>
    /// <param name="value">The value.</param>
    public void Emit(SeriesKey series, double value) => Emit(series, value, SampleTimeUnixNs());

    /// <summary>Emits a sample at a given time.</summary>
    /// <param name="series">The series, from <see cref="Series"/>.</param>
    /// <param name="value">The value.</param>
    /// <param name="timeUnixNs">The sample's time, Unix nanoseconds.</param>
    public void Emit(SeriesKey series, double value, long timeUnixNs) =>
        Write(Measurement.Of(new Sample(series, timeUnixNs, value)));

    /// <summary>Emits an event (a structured result kept as JSON) at <see cref="SampleTimeUnixNs"/>.</summary>
    /// <param name="name">The event's name, module.what (e.g. trace.path).</param>
    /// <param name="json">The event's body, a JSON text.</param>
    /// <param name="tags">The subject's tags; the collector tag is added (one given is ignored).</param>
    public void EmitEvent(string name, string json, params ReadOnlySpan<KeyValuePair<string, string>> tags) =>
        // Like Series: the collector tag is this collector's own; a second one would make the tag
        // keys ambiguous (and a process-isolated collector's wire writer refuses duplicate keys).
        Write(Measurement.Of(new EventRecord(name, WithCollectorTag(tags), SampleTimeUnixNs(), json)));

    /// <summary>
    /// Emits the status of an element, marked with the time of this context's previous status of
    /// the element (<see cref="StatusRecord.PreviousUnixNs"/>; 0 for the first), so the archive
    /// extends a range only across consecutive observations of one run of the collector.
    /// </summary>
    /// <param name="element">The element's name.</param>
    /// <param name="oper">Operational state: up, down, degraded or unknown.</param>
    /// <param name="admin">Administrative state, or null.</param>
    /// <param name="timeUnixNs">The time, Unix nanoseconds; default now.</param>
    public void EmitStatus(string element, string oper, string? admin, long? timeUnixNs = null)
    {
        var time = timeUnixNs ?? NowUnixNs();
        var previous = _lastStatus.GetValueOrDefault(element);
        _lastStatus[element] = time;
        Write(Measurement.Of(new StatusRecord(element, time, oper, admin) { PreviousUnixNs = previous }));
    }

    /// <summary>Logs a problem of this run (bad output line, failed probe) as a warning and counts it.</summary>
    /// <param name="message">What went wrong, for a person to read.</param>
    public void ReportProblem(string message)
    {
        Interlocked.Increment(ref _problems);
        LogProblem(Logger, message);
    }

    /// <summary>The time a sample of this run carries: <see cref="RunTimeUnixNs"/>, or now outside a scheduler.</summary>
    /// <returns>Unix nanoseconds.</returns>
    public long SampleTimeUnixNs() => RunTimeUnixNs != 0 ? RunTimeUnixNs : NowUnixNs();

    /// <summary>Hands one measurement on (to the pipeline, or a child's stream to its parent).</summary>
    /// <param name="measurement">The sample, event or status record.</param>
    protected abstract void Write(in Measurement measurement);

    private List<KeyValuePair<string, string>> WithCollectorTag(ReadOnlySpan<KeyValuePair<string, string>> tags)
    {
        var all = new List<KeyValuePair<string, string>>(tags.Length + 1) { CollectorTag };
        foreach (var t in tags)
        {
            if (t.Key != "collector")
            {
                all.Add(t);
            }
        }

        return all;
    }

    [LoggerMessage(EventId = 100, EventName = "CollectorProblem", Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogProblem(ILogger logger, string message);
}
