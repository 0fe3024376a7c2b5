using System.Globalization;
using Fathom.Core.Configuration;
using Fathom.Lookup.Hints;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Configuration;

/// <summary>
/// Reads and checks the &lt;lookup&gt; block: where to register (one or more <c>url</c>, or one
/// <c>hints_url</c>, or one <c>hints_file</c>, read and parsed now), <c>ttl</c> and
/// <c>check_interval</c>, <c>allow_internal_addresses</c>, <c>enabled</c>, and the values the
/// records carry (the host's name, location, domains, communities). Every mistake is reported at
/// once with file:line.
/// </summary>
public sealed class LookupSectionReader : ConfigSectionReader<LookupSettings>
{
    public const string Name = "lookup";

    /// <summary>Shortest record lifetime the sLS grants (its lease minimum).</summary>
    public static readonly TimeSpan MinTtl = TimeSpan.FromSeconds(30);

    /// <summary>Longest record lifetime the sLS grants (its lease maximum).</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(30);

    private const string Known = "enabled, url, hints_url, hints_file, ttl, check_interval, allow_internal_addresses, "
        + "host_name, site_name, city, region, country, zip_code, latitude, longitude, domain, community, site_project";

    public override string Block => Name;

    protected override LookupSettings Default => LookupSettings.Off;

    protected override string Usage => "<lookup> url http://HOST:PORT/lookup/records ttl 2h check_interval 10m </lookup>";

    protected override LookupSettings Read(ConfigObject block, ConfigSectionContext context)
    {
        var state = new LookupBlockState(block.Location);
        foreach (var (name, value) in block.Entries())
        {
            var setting = ConfigSetting.From(name, value);
            try
            {
                ReadKey(state, setting, value, context);
            }
            catch (ConfigException e)
            {
                context.Errors.Add(e);
            }
        }

        state.Check(context.Errors);
        return state.Build();
    }

    private static void ReadKey(LookupBlockState s, ConfigSetting setting, ConfigNode value, ConfigSectionContext context)
    {
        switch (setting.Key)
        {
            case "enabled":
                s.Enabled = Bool(setting);
                break;
            case "url":
                s.UrlAt ??= setting.Location;
                foreach (var item in Items(setting, value))
                {
                    s.Urls.Add(LookupUrl.Parse(item.Text, out var reason) ?? throw new ConfigException(item.At, $"'url' {reason}"));
                }

                break;
            case "hints_url":
                s.HintsUrlAt = setting.Location;
                s.HintsUrl = HintsUrl(setting);
                break;
            case "hints_file":
                s.HintsFileAt = setting.Location;
                s.HintsFile = Path.GetFullPath(setting.Single(), context.FolderOf(value));
                try
                {
                    HintsParser.ReadFile(s.HintsFile);
                }
                catch (HintsException e)
                {
                    throw setting.Error(e.Message);
                }

                break;
            case "ttl":
                s.TtlAt = setting.Location;
                var ttl = Duration(setting);
                s.Ttl = ttl >= MinTtl && ttl <= MaxTtl
                    ? ttl
                    : throw setting.Error($"must be from 30s to 30d (the lookup service's lease bounds), not '{setting.Single()}'");

                break;
            case "check_interval":
                s.CheckIntervalAt = setting.Location;
                s.CheckInterval = Duration(setting);
                break;
            case "allow_internal_addresses":
                s.AllowInternalAddresses = Bool(setting);
                break;
            case "host_name":
                s.Host[LookupKeys.HostName] = [.. Items(setting, value).Select(i => HostName(i.Text, i.At, "host_name"))];
                break;
            case "site_name":
                s.Host[LookupKeys.LocationSitename] = [setting.Single()];
                break;
            case "city":
                s.Host[LookupKeys.LocationCity] = [setting.Single()];
                break;
            case "region":
                s.Host[LookupKeys.LocationState] = [setting.Single()];
                break;
            case "zip_code":
                s.Host[LookupKeys.LocationCode] = [setting.Single()];
                break;
            case "country":
                var country = setting.Single();
                s.Host[LookupKeys.LocationCountry] = country.Length == 2 && country.All(char.IsAsciiLetter)
                    ? [country.ToUpperInvariant()]
                    : throw setting.Error($"must be a two-letter ISO 3166 country code (e.g. US, DE), not '{country}'");
                break;
            case "latitude":
                s.Host[LookupKeys.LocationLatitude] = [Degrees(setting, 90)];
                break;
            case "longitude":
                s.Host[LookupKeys.LocationLongitude] = [Degrees(setting, 180)];
                break;
            case "domain":
                s.Domains.AddRange(Items(setting, value).Select(i => HostName(i.Text, i.At, "domain")));
                break;
            case "community" or "site_project":
                s.Communities.AddRange(Items(setting, value).Select(i => i.Text));
                break;
            default:
                throw new ConfigException(setting.Location, $"unknown key '{setting.Key}' in <lookup> (known: {Known})");
        }
    }

    /// <summary>Each occurrence of a repeatable key with its own line, so a bad second value is reported where it is.</summary>
    private static IEnumerable<(string Text, ConfigLocation At)> Items(ConfigSetting setting, ConfigNode value)
    {
        foreach (var item in value is ConfigArray array ? array.Items : [value])
        {
            yield return item is ConfigScalar { Value: { Length: > 0 } text }
                ? (text.Trim(), item.Location)
                : throw new ConfigException(item.Location, $"'{setting.Key}' needs a value");
        }
    }

    private static Uri HintsUrl(ConfigSetting setting)
    {
        var text = setting.Single();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? uri
            : throw setting.Error($"must be an http or https URL of an activehosts.json, not '{text}'");
    }

    private static bool Bool(ConfigSetting setting) =>
        ValueParsers.TryParseBool(setting.Single(), out var on) ? on : throw setting.Error($"must be yes or no, not '{setting.Single()}'");

    private static TimeSpan Duration(ConfigSetting setting) =>
        ValueParsers.TryParseDuration(setting.Single(), out var d) && d > TimeSpan.Zero
            ? d
            : throw setting.Error($"must be a positive duration (seconds, or a number with s, m, h, d), not '{setting.Single()}'");

    private static string Degrees(ConfigSetting setting, double limit) =>
        ValueParsers.TryParseDouble(setting.Single(), out var v) && Math.Abs(v) <= limit
            ? v.ToString("R", CultureInfo.InvariantCulture)
            : throw setting.Error($"must be a number from -{limit} to {limit}, not '{setting.Single()}'");

    private static string HostName(string text, ConfigLocation at, string key) =>
        text.Length <= 253 && text.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && l[0] != '-')
            ? text
            : throw new ConfigException(at, $"'{key}' must be a DNS name (letters, digits, '-', dots), not '{text}'");
}
