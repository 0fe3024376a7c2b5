namespace Fathom.Lookup.Registration;

/// <summary>What /proc/cpuinfo says: clock, packages and cores; each null when it says nothing.</summary>
internal sealed record CpuFacts(double? SpeedMHz, int? Packages, int? Cores);
