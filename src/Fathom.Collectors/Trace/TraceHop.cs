namespace Fathom.Collectors.Trace;

/// <summary>One hop of a path as the trace.path event shows it.</summary>
internal sealed record TraceHop(int Ttl, string? Address, IReadOnlyList<double> Rtts, bool Reached);

/// <summary>The trace.path event.</summary>
internal sealed record TracePathEvent(string Target, string? Address, bool Reached, IReadOnlyList<TraceHop> Hops);

/// <summary>The trace.path_change event: the previous run's hops and this run's.</summary>
internal sealed record TracePathChange(string Target, IReadOnlyList<TraceHop> Old, IReadOnlyList<TraceHop> New);
