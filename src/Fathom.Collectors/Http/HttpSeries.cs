using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;
using Fathom.Core.Measurements;

namespace Fathom.Collectors.Http;

/// <summary>The cached series of the collector's URL in one context, and how a result is emitted to them.</summary>
internal sealed class HttpSeries
{
    private readonly ProbeOutcome _outcome;
    private readonly SeriesKey _resolve;
    private readonly SeriesKey _connect;
    private readonly SeriesKey _tls;
    private readonly SeriesKey _write;
    private readonly SeriesKey _ttfb;
    private readonly SeriesKey _transfer;
    private readonly SeriesKey _redirect;
    private readonly SeriesKey _total;
    private readonly SeriesKey _status;
    private readonly SeriesKey _length;
    private readonly SeriesKey _expiry;
    private readonly SeriesKey _redirects;

    public HttpSeries(CollectContext context, string target)
    {
        Context = context;
        _outcome = new ProbeOutcome(context, "http", target);
        _resolve = _outcome.Series("resolve", Units.Milliseconds);
        _connect = _outcome.Series("connect", Units.Milliseconds);
        _tls = _outcome.Series("tls", Units.Milliseconds);
        _write = _outcome.Series("write", Units.Milliseconds);
        _ttfb = _outcome.Series("ttfb", Units.Milliseconds);
        _transfer = _outcome.Series("transfer", Units.Milliseconds);
        _redirect = _outcome.Series("redirect", Units.Milliseconds);
        _total = _outcome.Series("total", Units.Milliseconds);
        _status = _outcome.Series("status", Units.Code);
        _length = _outcome.Series("content_length", Units.Bytes);
        _expiry = _outcome.Series("cert_expiry", Units.Days);
        _redirects = _outcome.Series("redirects", Units.Count);
    }

    public CollectContext Context { get; }

    public void Emit(HttpResult result)
    {
        var hop = result.Last;
        _outcome.EmitIf(_resolve, hop.ResolveMs);
        _outcome.EmitIf(_connect, hop.ConnectMs);
        _outcome.EmitIf(_tls, hop.TlsMs);
        _outcome.EmitIf(_write, hop.WriteMs);
        _outcome.EmitIf(_ttfb, hop.TtfbMs);
        _outcome.EmitIf(_transfer, hop.TransferMs);
        _outcome.EmitIf(_redirect, result.RedirectMs);
        _outcome.EmitIf(_total, result.TotalMs);
        _outcome.EmitIf(_status, hop.Head?.Status);
        _outcome.EmitIf(_length, hop.TotalMs is null ? null : hop.Body?.Count);
        // Reported for rejected certificates too: an expired one is exactly what to watch for.
        _outcome.EmitIf(_expiry, hop.NotAfter is { } notAfter ? (notAfter - Context.Time.GetUtcNow()).TotalDays : null);
        Context.Emit(_redirects, result.Redirects);
        _outcome.Report(result.Duration, result.Failure);
    }
}
