using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fathom.Lookup.Configuration;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Registration;

/// <summary>
/// Builds the records this daemon registers, keyed as perfSONAR's ls-registration-daemon makes
/// them: one host record (host-name with the host's names and addresses, host-os-*,
/// host-hardware-*, location-*, group-*) and a service record per capability: the archive
/// (service-type "ma"), the API (service-locator its URLs) and each collector (its module and
/// targets). Every value is a list of strings. Service records get no service-host and no record
/// gets ttl or client-uuid: the registrar adds those.
/// </summary>
public static class RecordBuilder
{
    /// <summary>The records, host first, then archive, API and collectors in the order given.</summary>
    public static IReadOnlyList<DesiredRecord> Build(LookupSettings settings, LookupInputs inputs, IHostFacts facts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(facts);
        var addresses = AddressFilter.Publishable(facts.Addresses, settings.AllowInternalAddresses);
        var host = HostRecord(settings, facts, addresses);
        var hostName = host.First(LookupKeys.HostName) ?? "unknown";
        var records = new List<DesiredRecord> { new(DesiredRecord.HostKey, host) };

        var apiLocators = ApiLocators(inputs.ApiLocators, addresses, settings.AllowInternalAddresses);
        if (inputs.ArchiveType is { Length: > 0 } archiveType)
        {
            var archive = Service(settings, inputs, FathomKeys.ArchiveServiceType, $"Fathom archive on {hostName}")
                .Set(FathomKeys.ArchiveType, archiveType);
            // Others read the archive through the API (as perfSONAR's "ma" locator is esmond's URL);
            // without a published API the locator is where the archive is on this host.
            if (apiLocators.Count > 0)
            {
                archive.Set(LookupKeys.ServiceLocator, [.. apiLocators.Select(u => u.TrimEnd('/') + "/api/v1/")]);
            }
            else if (inputs.ArchiveLocation is { Length: > 0 } location)
            {
                archive.Set(LookupKeys.ServiceLocator, location);
            }

            records.Add(new DesiredRecord("service/archive", archive));
        }

        if (apiLocators.Count > 0)
        {
            records.Add(new DesiredRecord("service/api", Service(settings, inputs, FathomKeys.ApiServiceType, $"Fathom API on {hostName}").Set(LookupKeys.ServiceLocator, apiLocators)));
        }

        var collectorLocators = addresses.Count > 0 ? addresses.Select(a => a.ToString()).ToList() : [hostName];
        var perModule = inputs.Collectors.GroupBy(c => c.Module, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var c in inputs.Collectors)
        {
            // The id tells apart two collectors of one module; alone, the module is the readable name.
            var label = perModule[c.Module] > 1 || !string.Equals(c.Id, c.Module, StringComparison.Ordinal) ? $"{ModuleName(c.Module)} ({c.Id})" : ModuleName(c.Module);
            var record = Service(settings, inputs, FathomKeys.ServiceType(c.Module), $"Fathom {label} on {hostName}")
                .Set(LookupKeys.ServiceLocator, collectorLocators)
                .Set(FathomKeys.Module, c.Module)
                .Set(FathomKeys.Collector, c.Id);
            if (c.Targets.Count > 0)
            {
                record.Set(FathomKeys.Targets, c.Targets);
            }

            records.Add(new DesiredRecord("service/collector/" + c.Id, record));
        }

        return records;
    }

    private static LookupRecord HostRecord(LookupSettings settings, IHostFacts facts, IReadOnlyList<IPAddress> addresses)
    {
        var record = new LookupRecord().Set(LookupKeys.Type, "host");
        var names = settings.HostFields.TryGetValue(LookupKeys.HostName, out var configured) && configured.Count > 0
            ? configured
            : facts.HostName is { Length: > 0 } fact ? [fact] : [];

        // As perfSONAR's toolkit does, host-name lists every name and address the host answers on.
        var hostNames = names.Concat(addresses.Select(a => a.ToString())).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (hostNames.Count > 0)
        {
            record.Set(LookupKeys.HostName, hostNames);
        }

        SetIf(record, LookupKeys.HostOsName, facts.OsName);
        SetIf(record, LookupKeys.HostOsVersion, facts.OsVersion);
        SetIf(record, LookupKeys.HostOsKernel, facts.OsKernel);
        SetIf(record, LookupKeys.HostHardwareMemory, facts.MemoryMiB is { } mem ? $"{mem} MB" : null);
        SetIf(record, LookupKeys.HostHardwareProcessorSpeed, facts.ProcessorSpeedMHz is { } mhz ? string.Create(CultureInfo.InvariantCulture, $"{mhz:0.###} MHz") : null);
        SetIf(record, LookupKeys.HostHardwareProcessorCount, facts.ProcessorCount?.ToString(CultureInfo.InvariantCulture));
        SetIf(record, LookupKeys.HostHardwareProcessorCore, facts.ProcessorCores?.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, values) in settings.HostFields.Where(f => f.Key != LookupKeys.HostName))
        {
            record.Set(key, values);
        }

        AddCommon(record, settings);
        return record;
    }

    private static LookupRecord Service(LookupSettings settings, LookupInputs inputs, string type, string name)
    {
        var record = new LookupRecord()
            .Set(LookupKeys.Type, "service")
            .Set(LookupKeys.ServiceType, type)
            .Set(LookupKeys.ServiceName, name);
        SetIf(record, LookupKeys.ServiceVersion, inputs.Version.Length > 0 ? "fathom-" + inputs.Version : null);

        // perfSONAR's service records repeat the site's location, so a query on a service finds it by place.
        foreach (var (key, values) in settings.HostFields.Where(f => f.Key.StartsWith("location-", StringComparison.Ordinal)))
        {
            record.Set(key, values);
        }

        AddCommon(record, settings);
        return record;
    }

    private static void AddCommon(LookupRecord record, LookupSettings settings)
    {
        foreach (var (key, values) in settings.CommonFields)
        {
            record.Set(key, values);
        }
    }

    private static void SetIf(LookupRecord record, string key, string? value)
    {
        if (value is { Length: > 0 })
        {
            record.Set(key, value);
        }
    }

    private static string ModuleName(string module) => module.Split(',')[0].Trim();

    /// <summary>
    /// The API's URLs as others can reach them: a wildcard listener (0.0.0.0, [::]) becomes one URL
    /// per published address of its family; an internal address (127.0.0.1) is left out unless allowed.
    /// </summary>
    internal static IReadOnlyList<string> ApiLocators(IReadOnlyList<string> locators, IReadOnlyList<IPAddress> addresses, bool allowInternal)
    {
        var result = new List<string>();
        foreach (var text in locators)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                continue;
            }

            if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
            {
                result.Add(uri.ToString());
            }
            else if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            {
                var family = ip.AddressFamily;
                result.AddRange(addresses
                    .Where(a => a.AddressFamily == family || (family == AddressFamily.InterNetworkV6 && a.AddressFamily == AddressFamily.InterNetwork))
                    .Select(a => new UriBuilder(uri) { Host = a.ToString() }.Uri.ToString()));
            }
            else if (allowInternal || !AddressFilter.IsInternal(ip))
            {
                result.Add(uri.ToString());
            }
        }

        return [.. result.Distinct(StringComparer.Ordinal)];
    }
}
