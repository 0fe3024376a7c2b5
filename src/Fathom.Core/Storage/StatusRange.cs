namespace Fathom.Core.Storage;

/// <summary>An element held one state (operational, administrative) from StartNs through EndNs.</summary>
/// <param name="Element">What the state is of (an interface, a service…).</param>
/// <param name="StartNs">When the state was first seen.</param>
/// <param name="EndNs">When it was last seen.</param>
/// <param name="Oper">Operational state.</param>
/// <param name="Admin">Administrative state, when known.</param>
public sealed record StatusRange(string Element, long StartNs, long EndNs, string Oper, string? Admin);
