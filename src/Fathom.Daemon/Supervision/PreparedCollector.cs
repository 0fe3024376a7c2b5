using Fathom.Core.Collectors;

namespace Fathom.Daemon.Supervision;

/// <summary>A collector block whose module was made and whose Init succeeded.</summary>
internal sealed record PreparedCollector(CollectorConfig Config, ICollector Instance);
