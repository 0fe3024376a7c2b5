using Fathom.Core.Instrumentation;
using Fathom.Core.Pipeline;

namespace Fathom.Api.Metrics;

/// <summary>
/// One sample line of a family: its formatted "name{labels} " (built once, when the layout
/// changes), and the live cell its value is read from at each scrape: a series' latest value, a
/// registry metric's instance, or a slot of the per-scrape process figures.
/// </summary>
internal readonly struct ExpositionMember(byte[] prefix, object cell, int index, double multiplier, double divisor)
{
    public byte[] Prefix { get; } = prefix;

    public double Read() => cell switch
    {
        LatestValue v => v.Value,
        Metric m => m.AsDouble(index),
        _ => ((double[])cell)[index],
    } * multiplier / divisor;
}
