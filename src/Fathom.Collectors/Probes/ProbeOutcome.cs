using System.Text.Json;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Probes;

/// <summary>
/// What every network probe emits on every run, failures included, so a dead target shows as
/// data rather than silence: MODULE.success (0/1, unit "bool") and MODULE.duration (ms), tagged
/// collector, target and the probe's <paramref name="subject"/> tags (dns: name, type); a failure
/// also emits the event MODULE.failure with its reason, tagged alike.
/// One instance per (collector, target): it caches its series keys.
/// </summary>
internal sealed class ProbeOutcome(CollectContext context, string module, string target, params KeyValuePair<string, string>[] subject)
{
    private readonly KeyValuePair<string, string>[] _tags = [new("target", target), .. subject];
    private SeriesKey? _success;
    private SeriesKey? _duration;

    public string Target { get; } = target;

    private SeriesKey SuccessKey => _success ??= context.Series($"{module}.success", Units.Bool, _tags);

    private SeriesKey DurationKey => _duration ??= context.Series($"{module}.duration", Units.Milliseconds, _tags);

    /// <summary>A series of this probe's target: MODULE.QUANTITY tagged target and the subject (plus <paramref name="tags"/>).</summary>
    public SeriesKey Series(string quantity, string unit, params ReadOnlySpan<KeyValuePair<string, string>> tags)
    {
        var all = new KeyValuePair<string, string>[_tags.Length + tags.Length];
        _tags.CopyTo(all, 0);
        tags.CopyTo(all.AsSpan(_tags.Length));
        return context.Series($"{module}.{quantity}", unit, all);
    }

    /// <summary>Succeeded when <paramref name="failure"/> is null, otherwise Failed with that reason.</summary>
    public void Report(TimeSpan duration, string? failure)
    {
        if (failure is null)
        {
            Succeeded(duration);
        }
        else
        {
            Failed(duration, failure);
        }
    }

    /// <summary>Emits <paramref name="value"/> to <paramref name="series"/> when there is one (a phase that was reached).</summary>
    public void EmitIf(SeriesKey series, double? value)
    {
        if (value is { } v)
        {
            context.Emit(series, v);
        }
    }

    public void Succeeded(TimeSpan duration) => Succeeded(duration, context.SampleTimeUnixNs());

    /// <summary>Emits success 1 and the duration at <paramref name="timeUnixNs"/> (one clock reading for many samples).</summary>
    public void Succeeded(TimeSpan duration, long timeUnixNs)
    {
        context.Emit(SuccessKey, 1, timeUnixNs);
        context.Emit(DurationKey, duration.TotalMilliseconds, timeUnixNs);
    }

    /// <summary>Emits success 0, the duration, and the reason as an event; counts it as a problem of the run.</summary>
    public void Failed(TimeSpan duration, string reason) => Failed(duration, reason, context.SampleTimeUnixNs());

    /// <summary><see cref="Failed(TimeSpan, string)"/> with the samples at <paramref name="timeUnixNs"/>.</summary>
    public void Failed(TimeSpan duration, string reason, long timeUnixNs)
    {
        context.Emit(SuccessKey, 0, timeUnixNs);
        context.Emit(DurationKey, duration.TotalMilliseconds, timeUnixNs);
        context.EmitEvent($"{module}.failure", JsonSerializer.Serialize(new FailureEvent(Target, reason), ProbeJson.Default.FailureEvent), _tags);
        context.ReportProblem($"{module} {Target}: {reason}");
    }
}

internal sealed record FailureEvent(string Target, string Reason);
