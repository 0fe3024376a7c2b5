namespace Fathom.Core.Storage.Delivery;

/// <summary>
/// How measurements reach one archive target: through a disk spool (store-and-forward) or a
/// bounded in-memory queue, and how failed deliveries are retried. Read from the target's
/// &lt;archive&gt; block by the catalog, for every backend alike.
/// </summary>
public sealed record DeliveryOptions
{
    /// <summary>1 GiB, the default <see cref="SpoolMaxBytes"/>.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>Whether batches go through a disk spool (<c>spool yes|no</c>).</summary>
    public bool Spool { get; init; }

    /// <summary>The spool's folder (absolute); one per target.</summary>
    public required string SpoolDir { get; init; }

    /// <summary>How often appends are fsync'd: null after every batch (<c>spool_sync batch</c>, the default), else on this interval.</summary>
    public TimeSpan? SpoolSyncInterval { get; init; }

    /// <summary>The spool's bound on disk (<c>spool_max_bytes</c>); default 1 GiB.</summary>
    public long SpoolMaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>What happens at the bound (<c>spool_full</c>); default drop.</summary>
    public SpoolFullMode SpoolFull { get; init; } = SpoolFullMode.Drop;

    /// <summary>How failed deliveries are retried (<c>retry_policy</c>).</summary>
    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;
}
