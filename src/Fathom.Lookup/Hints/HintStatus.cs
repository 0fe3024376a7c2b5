namespace Fathom.Lookup.Hints;

/// <summary>A lookup server's state as an activehosts.json reports it.</summary>
public enum HintStatus
{
    /// <summary>"unknown".</summary>
    Unknown,

    /// <summary>"alive": the only servers the chooser considers.</summary>
    Alive,

    /// <summary>"unreachable".</summary>
    Unreachable,
}
