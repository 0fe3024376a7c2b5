namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>A physical line of a file (without its "\n"), its 1-based number, and whether it was invalid UTF-8.</summary>
internal readonly record struct SourceLine(string Text, int Number, bool Malformed);
