using Fathom.Core.Instrumentation;

namespace Fathom.Lookup.Registration;

/// <summary>The registrar's figures in a daemon's metric registry (so MMV and /metrics show them): records registered now, and counters of registrations, renewals and failed calls.</summary>
public sealed class RegistrarMetrics
{
    /// <summary>Adds the lookup.* metrics to <paramref name="registry"/>.</summary>
    public RegistrarMetrics(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var count = MetricUnits.Count;
        Registered = registry.Find("lookup.registered") ?? registry.Add("lookup.registered", MetricType.U64, MetricSemantics.Instant, count, "lookup records registered", "Records this daemon has registered at lookup servers now (every server counted)");
        Registrations = registry.Find("lookup.registrations") ?? registry.Add("lookup.registrations", MetricType.U64, MetricSemantics.Counter, count, "lookup registrations", "Records registered (POST) at lookup servers, re-registrations included");
        Renewals = registry.Find("lookup.renewals") ?? registry.Add("lookup.renewals", MetricType.U64, MetricSemantics.Counter, count, "lookup renewals", "Records renewed at lookup servers");
        Failures = registry.Find("lookup.failures") ?? registry.Add("lookup.failures", MetricType.U64, MetricSemantics.Counter, count, "lookup failures", "Calls to lookup servers that failed (no answer, timeout, an error status), each retried with backoff");
    }

    internal Metric Registered { get; }

    internal Metric Registrations { get; }

    internal Metric Renewals { get; }

    internal Metric Failures { get; }
}
