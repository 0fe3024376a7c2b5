namespace Fathom.Core.Files;

/// <summary>Why a <see cref="PidLock"/> could not be taken.</summary>
public enum PidLockFailure
{
    /// <summary>The file could not be opened or created (see the errno).</summary>
    Open,

    /// <summary>Another process holds it (its pid, when it could be read).</summary>
    Held,

    /// <summary>flock failed for another reason (see the errno).</summary>
    Lock,

    /// <summary>The file kept being replaced while we locked it.</summary>
    Replaced,
}
