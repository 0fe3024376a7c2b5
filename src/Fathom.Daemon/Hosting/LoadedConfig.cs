using Fathom.Core.Configuration;
using Fathom.Daemon.Supervision;

namespace Fathom.Daemon.Hosting;

/// <summary>A configuration that parsed, validated and whose collectors all initialised.</summary>
internal sealed record LoadedConfig(DaemonSettings Settings, IReadOnlyList<PreparedCollector> Collectors);
