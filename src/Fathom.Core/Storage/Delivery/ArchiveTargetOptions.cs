using Fathom.Core.Configuration;

namespace Fathom.Core.Storage.Delivery;

/// <summary>One &lt;archive&gt; block: its stable name, its backend's settings and how measurements are delivered to it.</summary>
/// <param name="Name">Stable name (the <c>name</c> key, or derived from type and location): logs, metrics, the spool's folder.</param>
/// <param name="Backend">The backend's own settings.</param>
/// <param name="Delivery">Spool and retry settings.</param>
public sealed record ArchiveTargetOptions(string Name, ArchiveOptions Backend, DeliveryOptions Delivery)
{
    /// <summary>Where the block is; null for the defaults.</summary>
    public ConfigLocation? Location => Backend.Location;
}
