using Fathom.Core.Measurements;
using Microsoft.Extensions.Logging;

namespace Fathom.Core.Collectors;

/// <summary>The daemon's <see cref="CollectContext"/>: measurements go to a sink, the scheduler sets the run's time.</summary>
internal sealed class RunContext(string collectorId, TimeProvider time, IMeasurementSink sink, ILogger logger)
    : CollectContext(collectorId, time, logger)
{
    private long _runTimeUnixNs;

    public override long RunTimeUnixNs => _runTimeUnixNs;

    public void SetRunTime(long unixNs) => _runTimeUnixNs = unixNs;

    protected override void Write(in Measurement measurement) => sink.Write(measurement);
}
