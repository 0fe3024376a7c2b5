namespace Fathom.Lookup.Server.Tests.Support;

/// <summary>Record bodies as perfSONAR's client sends them (every value an array, keys sorted).</summary>
internal static class Bodies
{
    public static string Service(string name, string ttl = "PT60M") =>
        $$"""{"group-domains":["example.net"],"service-host":["lookup/host/abc"],"service-locator":["tcp://10.0.0.2:4823"],"service-name":["{{name}}"],"service-type":["bwctl"],"ttl":["{{ttl}}"],"type":["service"]}""";

    public static string Host(string name) => $$"""{"host-name":["{{name}}"],"host-os-name":["Linux"],"type":["host"]}""";
}
