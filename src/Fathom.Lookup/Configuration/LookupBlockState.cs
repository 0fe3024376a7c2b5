using Fathom.Core.Configuration;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Configuration;

/// <summary>The &lt;lookup&gt; block's values while it is read, with where each was said, for the checks across keys.</summary>
internal sealed class LookupBlockState(ConfigLocation block)
{
    public bool Enabled { get; set; } = true;

    public List<Uri> Urls { get; } = [];

    public ConfigLocation? UrlAt { get; set; }

    public Uri? HintsUrl { get; set; }

    public ConfigLocation? HintsUrlAt { get; set; }

    public string? HintsFile { get; set; }

    public ConfigLocation? HintsFileAt { get; set; }

    public TimeSpan Ttl { get; set; } = LookupSettings.DefaultTtl;

    public ConfigLocation? TtlAt { get; set; }

    public TimeSpan CheckInterval { get; set; } = LookupSettings.DefaultCheckInterval;

    public ConfigLocation? CheckIntervalAt { get; set; }

    public bool AllowInternalAddresses { get; set; }

    public SortedDictionary<string, IReadOnlyList<string>> Host { get; } = new(StringComparer.Ordinal);

    public List<string> Domains { get; } = [];

    public List<string> Communities { get; } = [];

    public void Check(ICollection<ConfigException> errors)
    {
        // One way to find servers: registering with a fixed list and with a chosen one at once would be ambiguous.
        var given = new[] { ("url", UrlAt), ("hints_url", HintsUrlAt), ("hints_file", HintsFileAt) }.Where(g => g.Item2 is not null).ToList();
        if (given.Count > 1)
        {
            var names = string.Join(", ", given.Select(g => $"'{g.Item1}'"));
            errors.Add(new ConfigException(given[1].Item2!.Value, $"<lookup> takes one of 'url' (repeatable), 'hints_url' or 'hints_file', not {names}"));
        }
        else if (given.Count == 0 && Enabled)
        {
            errors.Add(new ConfigException(block, $"<lookup> needs 'url {LookupUrl.Example}' (repeatable), 'hints_url URL' or 'hints_file FILE' (or 'enabled no')"));
        }

        if (CheckInterval >= Ttl)
        {
            var at = CheckIntervalAt ?? TtlAt ?? block;
            errors.Add(new ConfigException(at, $"<lookup> check_interval ({IsoDuration.Format(CheckInterval)}) must be shorter than ttl ({IsoDuration.Format(Ttl)}): records are renewed check_interval before they expire"));
        }
    }

    public LookupSettings Build()
    {
        var common = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (Domains.Count > 0)
        {
            common[LookupKeys.GroupDomains] = [.. Domains.Distinct(StringComparer.Ordinal)];
        }

        if (Communities.Count > 0)
        {
            common[LookupKeys.GroupCommunities] = [.. Communities.Distinct(StringComparer.Ordinal)];
        }

        return new LookupSettings
        {
            Enabled = Enabled,
            Urls = [.. Urls],
            HintsUrl = HintsUrl,
            HintsFile = HintsFile,
            Ttl = Ttl,
            CheckInterval = CheckInterval,
            AllowInternalAddresses = AllowInternalAddresses,
            HostFields = Host,
            CommonFields = common,
        };
    }
}
