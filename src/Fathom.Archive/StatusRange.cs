namespace Fathom.Archive;

/// <summary>An element held one state (operational, administrative) from StartNs through EndNs.</summary>
internal sealed record StatusRange(string Element, long StartNs, long EndNs, string Oper, string? Admin);
