namespace Fathom.Core.Scheduling;

/// <summary>One run of a collector: when it started, how long it took, and its error (null when it succeeded).</summary>
public sealed record CollectorRun(DateTimeOffset Start, TimeSpan Duration, string? Error);
