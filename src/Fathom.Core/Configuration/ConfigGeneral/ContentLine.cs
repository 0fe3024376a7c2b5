namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>
/// One logical line after reading (comments, continuations, here-documents and includes resolved),
/// where it starts, and whether its bytes were not valid UTF-8.
/// </summary>
internal readonly record struct ContentLine(string Text, ConfigLocation Location, bool Malformed);
