namespace Fathom.Lookup.Registration;

/// <summary>
/// Keys and service types of Fathom's own records, beside the sLS ones; custom keys carry a
/// product prefix as perfSONAR's do (pshost-*, psservice-*), so they never clash with sLS keys.
/// </summary>
public static class FathomKeys
{
    /// <summary>A collector's module ("ping", "trace", or a plug-in's type name).</summary>
    public const string Module = "fathom-module";

    /// <summary>A collector's id (its &lt;collector ID&gt; block name).</summary>
    public const string Collector = "fathom-collector";

    /// <summary>A collector's targets, as configured.</summary>
    public const string Targets = "fathom-targets";

    /// <summary>The archive's backend ("sqlite", "postgresql").</summary>
    public const string ArchiveType = "fathom-archive-type";

    /// <summary>perfSONAR's service-type for a measurement archive (esmond registers as "ma").</summary>
    public const string ArchiveServiceType = "ma";

    /// <summary>The service-type of Fathom's HTTP API.</summary>
    public const string ApiServiceType = "fathom-api";

    /// <summary>
    /// The service-type for a collector's module: perfSONAR's name where it has one for the same
    /// measurement (ping, traceroute), else "fathom-MODULE" so a query cannot mistake it for a
    /// perfSONAR service it does not speak (owamp, bwctl, pscheduler).
    /// </summary>
    public static string ServiceType(string module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var m = module.Trim().ToLowerInvariant();
        return m switch
        {
            "ping" => "ping",
            "trace" or "traceroute" => "traceroute",
            _ => "fathom-" + Slug(m),
        };
    }

    // A plug-in module is "Type, path/to/Assembly.dll": keep the type's last name, in key-safe characters.
    private static string Slug(string module)
    {
        var type = module.Split(',')[0].Trim();
        var last = type[(type.LastIndexOf('.') + 1)..];
        var slug = new string([.. last.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return slug.Length > 0 ? slug : "collector";
    }
}
