using Microsoft.Extensions.Logging;

namespace Fathom.Core.Storage;

/// <summary>What a backend gets to open a writer: where to log, and the clock (retention cutoffs).</summary>
/// <param name="Logger">The archive's logger.</param>
/// <param name="Time">Tells now.</param>
public sealed record ArchiveOpenContext(ILogger Logger, TimeProvider Time);
