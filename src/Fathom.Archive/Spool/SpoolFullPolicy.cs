namespace Fathom.Archive.Spool;

/// <summary>What a spool does at <see cref="SpoolOptions.MaxBytes"/> (spool_full).</summary>
public enum SpoolFullPolicy
{
    /// <summary>Drop the oldest unacknowledged segment, counted and logged (the default).</summary>
    Drop,

    /// <summary>Make the appender wait until acknowledgements free room.</summary>
    Block,
}
