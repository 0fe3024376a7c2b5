using Fathom.Lookup.Configuration;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Hints;

/// <summary>
/// The servers to register with at one check: every <c>url</c> when the settings name some;
/// otherwise the one <see cref="ServerChooser"/> picks from the hints (file or URL, loaded again
/// at each check; when loading fails the last good list stays in use). Keep one instance for the
/// daemon's life so the chooser's hysteresis carries across checks.
/// </summary>
public sealed class LookupServerSelector(HintsLoader loader, ServerChooser chooser)
{
    private IReadOnlyList<HintHost> _lastGood = [];
    private object? _lastSource;

    /// <summary>A selector with the real TCP prober and the default loader and chooser.</summary>
    public static LookupServerSelector Create(HttpClient http, TimeProvider time, ILogger logger, ChooserOptions? options = null) =>
        new(new HintsLoader(http, logger), new ServerChooser(new TcpConnectProber(time), time, logger, options));

    /// <summary>The chooser (its <see cref="ServerChooser.Current"/> and latencies are worth showing in a status).</summary>
    public ServerChooser Chooser => chooser;

    /// <summary>The settings' urls, or the chosen hinted server (empty when none answers or no hints were ever loaded).</summary>
    public async Task<IReadOnlyList<Uri>> SelectAsync(LookupSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Urls.Count > 0 || (settings.HintsFile is null && settings.HintsUrl is null))
        {
            return settings.Urls;
        }

        // A reload that names other hints forgets the old list rather than choosing from stale servers.
        object source = (object?)settings.HintsFile ?? settings.HintsUrl!;
        if (!source.Equals(_lastSource))
        {
            _lastGood = [];
            _lastSource = source;
        }

        if (await loader.LoadAsync(settings, cancellationToken).ConfigureAwait(false) is { } hosts)
        {
            _lastGood = hosts;
        }

        return await chooser.ChooseAsync(_lastGood, cancellationToken).ConfigureAwait(false) is { } chosen ? [chosen] : [];
    }
}
