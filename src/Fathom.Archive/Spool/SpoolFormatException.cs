namespace Fathom.Archive.Spool;

/// <summary>A record whose CRC held but whose payload does not decode (a bug or another version).</summary>
internal sealed class SpoolFormatException(string message) : Exception(message);
