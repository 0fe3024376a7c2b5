namespace Fathom.Core.Storage.Delivery;

/// <summary>What a spool does at <c>spool_max_bytes</c>.</summary>
public enum SpoolFullMode
{
    /// <summary>Drops the oldest unacknowledged segment (counted and logged) to make room; the default.</summary>
    Drop,

    /// <summary>Makes the pipeline wait until the target acknowledges (the pipeline's own queue then drops, counted).</summary>
    Block,
}
