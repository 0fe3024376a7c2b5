namespace Fathom.Core.Tests.Configuration;

/// <summary>
/// A small configuration (main.conf plus any files it includes) checked against the reference, and where
/// our error must point when the reference refuses it (file relative to the case folder, line).
/// </summary>
internal sealed record ReferenceCase(string Name, IReadOnlyDictionary<string, string> Files, (string File, int Line)? ErrorAt = null)
{
    public const string MainFile = "main.conf";

    public static ReferenceCase Single(string name, string text, (string File, int Line)? errorAt = null) =>
        new(name, new Dictionary<string, string> { [MainFile] = text }, errorAt);
}
