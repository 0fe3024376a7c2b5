using Fathom.Api.Client.Wire;
using Fathom.Core.Instrumentation;
using Fathom.Core.Pipeline;
using Fathom.Core.Storage;

namespace Fathom.Api.Hosting;

/// <summary>Everything the API reads: the daemon, the archive's read port (one reader per request thread), and time.</summary>
public sealed class ApiSources
{
    public required IApiDaemon Daemon { get; init; }

    /// <summary>Opens a new reader of the daemon's archive (readers are pooled: one is not thread-safe).</summary>
    public required Func<IArchiveReader> OpenReader { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The daemon's own metrics (the PCP registry) for /metrics; null: none shown.</summary>
    public MetricRegistry? Metrics { get; init; }

    /// <summary>The latest value of every collected series for /metrics; null: none shown.</summary>
    public LatestValues? Latest { get; init; }

    /// <summary>The lookup registrar's status for GET /api/v1/lookup; null: the endpoint answers 404.</summary>
    public Func<LookupStatusDto>? Lookup { get; init; }
}
