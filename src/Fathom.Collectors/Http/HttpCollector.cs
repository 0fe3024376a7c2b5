using System.Security.Cryptography.X509Certificates;
using Fathom.Collectors.Common.Tls;
using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;

namespace Fathom.Collectors.Http;

/// <summary>
/// An HTTP(S) request probe, like perfSONAR's http test and blackbox's http prober, over its own
/// HTTP/1.1 client so every phase (resolve, connect, TLS, first byte, transfer) is timed exactly.
/// </summary>
internal sealed class HttpCollector : ICollector, ICollectorWarmUp
{
    public static CollectorDescriptor Descriptor { get; } = new(
        "http",
        ["url", "method", "header", "body", "expect_status", "expect_body", "follow_redirects", "insecure"],
        static () => new HttpCollector());

    private HttpSettings? _settings;
    private HttpProbe? _probe;
    private HttpSeries? _series;

    /// <summary>Trust anchors other than the system's; a seam for tests with a CA of their own.</summary>
    internal X509ChainPolicy? ChainPolicy { get; init; }

    public void Init(CollectorConfig config)
    {
        _settings = HttpConfig.Read(config);
        _probe = new HttpProbe(_settings, new TlsSettings(_settings.Insecure, ChainPolicy));
    }

    public async ValueTask WarmUpAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var settings = _settings ?? throw new InvalidOperationException("Init was not called");
        await ProbeWarmup.RunAsync(ct => HttpWarmup.RunAsync(settings, context.Time, ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        if (_probe is null || _settings is null)
        {
            throw new InvalidOperationException("Init was not called");
        }

        if (_series?.Context != context)
        {
            _series = new HttpSeries(context, _settings.Url.OriginalString);
        }

        var result = await _probe.RunAsync(context.Time, cancellationToken).ConfigureAwait(false);
        _series.Emit(result);
        return CollectOutcome.Default;
    }
}
