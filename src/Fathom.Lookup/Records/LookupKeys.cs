namespace Fathom.Lookup.Records;

/// <summary>Key names of the sLS record model (perfSONAR's SimpleLookupService::Keywords::KeyNames).</summary>
public static class LookupKeys
{
    public const string Type = "type";
    public const string Uri = "uri";
    public const string Expires = "expires";
    public const string Ttl = "ttl";
    public const string State = "state";
    public const string ClientUuid = "client-uuid";
    public const string GroupDomains = "group-domains";
    public const string GroupCommunities = "group-communities";

    public const string HostName = "host-name";
    public const string HostOsName = "host-os-name";
    public const string HostOsVersion = "host-os-version";
    public const string HostOsKernel = "host-os-kernel";
    public const string HostHardwareMemory = "host-hardware-memory";
    public const string HostHardwareProcessorSpeed = "host-hardware-processorspeed";
    public const string HostHardwareProcessorCount = "host-hardware-processorcount";
    public const string HostHardwareProcessorCore = "host-hardware-processorcore";
    public const string HostNetInterfaces = "host-net-interfaces";

    public const string ServiceName = "service-name";
    public const string ServiceType = "service-type";
    public const string ServiceLocator = "service-locator";
    public const string ServiceHost = "service-host";
    public const string ServiceVersion = "service-version";
    public const string ServiceAdministrators = "service-administrators";

    public const string LocationSitename = "location-sitename";
    public const string LocationCity = "location-city";
    public const string LocationState = "location-state";
    public const string LocationCountry = "location-country";
    public const string LocationCode = "location-code";
    public const string LocationLatitude = "location-latitude";
    public const string LocationLongitude = "location-longitude";

    /// <summary>Record states the server reports.</summary>
    public const string Registered = "registered";
    public const string Renewed = "renewed";
    public const string Deleted = "deleted";

    /// <summary>Keys the server assigns; never part of a record's content (nor of a duplicate check).</summary>
    public static bool IsServerKey(string key) => key is Uri or Expires or Ttl or State;
}
