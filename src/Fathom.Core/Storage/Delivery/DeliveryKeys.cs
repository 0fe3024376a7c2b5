using Fathom.Core.Configuration;

namespace Fathom.Core.Storage.Delivery;

/// <summary>The delivery keys one &lt;archive&gt; block sets (null: not set, the default applies).</summary>
internal sealed record DeliveryKeys(
    string? Name,
    bool? Spool,
    string? SpoolDir,
    TimeSpan? SpoolSyncInterval,
    long? SpoolMaxBytes,
    SpoolFullMode? SpoolFull,
    RetryPolicy? RetryPolicy)
{
    public ConfigLocation? NameLocation { get; init; }

    public ConfigLocation? SpoolDirLocation { get; init; }
}
