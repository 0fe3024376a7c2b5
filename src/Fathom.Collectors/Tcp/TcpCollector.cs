using System.Security.Cryptography.X509Certificates;
using Fathom.Collectors.Common.Tls;
using Fathom.Collectors.Probes;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Tcp;

/// <summary>
/// TCP connect (and optionally TLS handshake) probes, like blackbox's tcp prober: per target the
/// resolve, connect and handshake times, the certificate's days to expiry, and success/duration.
/// </summary>
internal sealed class TcpCollector : ICollector, ICollectorWarmUp
{
    public static CollectorDescriptor Descriptor { get; } = new(
        "tcp",
        ["target", "tls", "server_name", "insecure"],
        static () => new TcpCollector());

    private TcpProbe[] _probes = [];
    private TcpSeries[] _series = [];

    /// <summary>Trust anchors other than the system's; a seam for tests with a CA of their own.</summary>
    internal X509ChainPolicy? ChainPolicy { get; init; }

    public void Init(CollectorConfig config)
    {
        // Every key on its own, so every mistake of the block is reported at once.
        var problems = new ConfigProblems();
        var targets = problems.Read(() => config.GetStrings("target"), []);
        if (targets.Count == 0 && !config.Has("target"))
        {
            problems.Add(config.Missing("target"));
        }

        var tls = problems.Read(() => config.GetBool("tls", false), true);
        foreach (var key in new[] { "server_name", "insecure" })
        {
            if (!tls && config.Has(key))
            {
                problems.Add(config.Error(key, "is only used with tls yes"));
            }
        }

        var serverName = problems.Read(() => ServerName(config), null);

        // Within the run's timeout (the interval by default), so a slow target fails as timed out, not cancelled.
        var timeout = problems.Read(() => config.GetDuration("timeout", TimeSpan.FromSeconds(Math.Min(5, config.Timeout.TotalSeconds))), TimeSpan.FromSeconds(5));
        var settings = new TlsSettings(problems.Read(() => config.GetBool("insecure", false), false), ChainPolicy);
        var probes = new List<TcpProbe>(targets.Count);
        foreach (var text in targets)
        {
            if (HostPort.TryParse(text, out var target, out var problem))
            {
                probes.Add(new TcpProbe(target, tls, serverName, timeout, settings));
            }
            else
            {
                problems.Add(config.Error("target", problem));
            }
        }

        problems.ThrowIfAny();
        _probes = [.. probes];
    }

    private static string? ServerName(CollectorConfig config)
    {
        var serverName = config.GetOptionalString("server_name");
        return serverName is not null && Uri.CheckHostName(serverName) == UriHostNameType.Unknown
            ? throw config.Error("server_name", $"'{serverName}' is not a host name")
            : serverName;
    }

    public async ValueTask WarmUpAsync(CollectContext context, CancellationToken cancellationToken) =>
        await ProbeWarmup.RunAsync(ct => TcpWarmup.RunAsync(_probes, context.Time, ct), cancellationToken).ConfigureAwait(false);

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        if (_series.Length != _probes.Length || (_series.Length > 0 && _series[0].Context != context))
        {
            _series = [.. _probes.Select(p => new TcpSeries(context, p.Target.Display))];
        }

        // Probed in parallel, emitted from this task: the context takes one writer at a time.
        var results = await Task.WhenAll(_probes.Select(p => p.RunAsync(context.Time, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < results.Length; i++)
        {
            _series[i].Emit(results[i]);
        }

        return CollectOutcome.Default;
    }
}
