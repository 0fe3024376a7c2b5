using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Tcp;

/// <summary>The cached series of one target in one context, and how a result is emitted to them.</summary>
internal sealed class TcpSeries
{
    private readonly CollectContext _context;
    private readonly ProbeOutcome _outcome;
    private readonly SeriesKey _resolve;
    private readonly SeriesKey _connect;
    private readonly SeriesKey _tls;
    private readonly SeriesKey _expiry;

    public TcpSeries(CollectContext context, string target)
    {
        _context = context;
        _outcome = new ProbeOutcome(context, "tcp", target);
        _resolve = _outcome.Series("resolve", Units.Milliseconds);
        _connect = _outcome.Series("connect", Units.Milliseconds);
        _tls = _outcome.Series("tls", Units.Milliseconds);
        _expiry = _outcome.Series("cert_expiry", Units.Days);
    }

    public CollectContext Context => _context;

    public void Emit(TcpResult result)
    {
        _outcome.EmitIf(_resolve, result.ResolveMs);
        _outcome.EmitIf(_connect, result.ConnectMs);
        _outcome.EmitIf(_tls, result.TlsMs);
        if (result.NotAfter is { } notAfter)
        {
            // Reported for rejected certificates too: an expired one is exactly what to watch for.
            _context.Emit(_expiry, (notAfter - _context.Time.GetUtcNow()).TotalDays);
        }

        _outcome.Report(result.Duration, result.Failure);
    }
}
