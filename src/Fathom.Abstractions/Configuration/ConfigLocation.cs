namespace Fathom.Core.Configuration;

/// <summary>A place in a configuration file: the file's path and a 1-based line number.</summary>
public readonly record struct ConfigLocation(string File, int Line)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
