using System.Net;
using System.Text.Json.Nodes;
using Fathom.Lookup.Configuration;
using Fathom.Lookup.Records;
using Fathom.Lookup.Registration;
using Fathom.Lookup.Tests.Support;

namespace Fathom.Lookup.Tests.Registration;

/// <summary>The records built from settings, inputs and host facts, compared key by key with what perfSONAR's Perl Host.pm and Service.pm make from the same values.</summary>
public sealed class RecordBuilderTests
{
    private static readonly LookupSettings Settings = new()
    {
        Urls = [new Uri("http://ls.example.net:8090/lookup/records")],
        HostFields = new Dictionary<string, IReadOnlyList<string>>
        {
            [LookupKeys.LocationSitename] = ["Acme Co."],
            [LookupKeys.LocationCity] = ["Berkeley"],
            [LookupKeys.LocationState] = ["CA"],
            [LookupKeys.LocationCountry] = ["US"],
            [LookupKeys.LocationCode] = ["94720"],
            [LookupKeys.LocationLatitude] = ["37.5"],
            [LookupKeys.LocationLongitude] = ["-121.7469"],
        },
        CommonFields = new Dictionary<string, IReadOnlyList<string>>
        {
            [LookupKeys.GroupDomains] = ["example.net"],
            [LookupKeys.GroupCommunities] = ["R&E"],
        },
    };

    private static readonly LookupInputs Inputs = new()
    {
        ArchiveType = "sqlite",
        ArchiveLocation = "/var/lib/fathom/archive.db",
        ApiLocators = ["http://[::]:8085/"],
        Version = "1.2.3",
        Collectors =
        [
            new CollectorEntry("ping", "ping", ["192.0.2.1", "example.org"]),
            new CollectorEntry("trace-east", "trace", ["example.com"]),
            new CollectorEntry("web", "http", []),
        ],
    };

    private static IReadOnlyList<DesiredRecord> Build(LookupSettings? settings = null, LookupInputs? inputs = null, IHostFacts? facts = null) =>
        RecordBuilder.Build(settings ?? Settings, inputs ?? Inputs, facts ?? new FakeHostFacts());

    private static LookupRecord Record(IReadOnlyList<DesiredRecord> records, string key) => Assert.Single(records, r => r.Key == key).Content;

    [Fact]
    public void Build_Everything_HostThenArchiveApiAndEachCollector()
    {
        var records = Build();

        Assert.Equal(["host", "service/archive", "service/api", "service/collector/ping", "service/collector/trace-east", "service/collector/web"], records.Select(r => r.Key));
        Assert.True(records[0].IsHost);
        Assert.All(records, r => Assert.DoesNotContain(r.Content.Values.Keys, k => LookupKeys.IsServerKey(k) || k == LookupKeys.ServiceHost || k == LookupKeys.ClientUuid));
        Assert.All(records, r => Assert.Equal(r.Content.Values.Keys.Order(StringComparer.Ordinal), r.Content.Values.Keys));
    }

    [Fact]
    public void Build_HostRecord_SameAsPerlHostPm()
    {
        var host = Record(Build(), "host");

        var perl = PerlRecords.Build(
            "host",
            new JsonObject
            {
                ["hostName"] = new JsonArray("ps1.example.net", "198.124.252.10", "2001:400:201:1150::3"),
                ["osName"] = "Debian GNU/Linux",
                ["osVersion"] = "12 (bookworm)",
                ["osKernel"] = "Linux 6.1.0-18-amd64",
                ["memory"] = "16000 MB",
                ["processorSpeed"] = "2400.5 MHz",
                ["processorCount"] = "2",
                ["processorCore"] = "16",
                ["domains"] = new JsonArray("example.net"),
                ["siteName"] = "Acme Co.",
                ["city"] = "Berkeley",
                ["region"] = "CA",
                ["country"] = "US",
                ["zipCode"] = "94720",
                ["latitude"] = "37.5",
                ["longitude"] = "-121.7469",
            },
            new JsonObject { ["group-communities"] = new JsonArray("R&E") });

        Assert.True(host.SameContent(perl), Diff(host, perl));
    }

    [Fact]
    public void Build_ArchiveRecord_SameAsPerlServicePm()
    {
        var archive = Record(Build(), "service/archive");

        var perl = PerlRecords.Build("service", ServiceInit("ma", "Fathom archive on ps1.example.net", "http://198.124.252.10:8085/api/v1/", "http://[2001:400:201:1150::3]:8085/api/v1/"), new JsonObject
        {
            ["group-communities"] = new JsonArray("R&E"),
            [FathomKeys.ArchiveType] = new JsonArray("sqlite"),
        });

        Assert.True(archive.SameContent(perl), Diff(archive, perl));
    }

    [Fact]
    public void Build_ArchiveWithoutPublishedApi_LocatorIsThePath()
    {
        var archive = Record(Build(inputs: Inputs with { ApiLocators = ["http://127.0.0.1:8085/"] }), "service/archive");

        Assert.Equal(["/var/lib/fathom/archive.db"], archive.Get(LookupKeys.ServiceLocator));
    }

    [Fact]
    public void Build_ApiRecord_WildcardListenerBecomesEachAddress_SameAsPerlServicePm()
    {
        var api = Record(Build(), "service/api");

        var perl = PerlRecords.Build(
            "service",
            ServiceInit("fathom-api", "Fathom API on ps1.example.net", "http://198.124.252.10:8085/", "http://[2001:400:201:1150::3]:8085/"),
            new JsonObject { ["group-communities"] = new JsonArray("R&E") });

        Assert.True(api.SameContent(perl), Diff(api, perl));
    }

    [Fact]
    public void Build_CollectorRecords_SameAsPerlServicePm()
    {
        var records = Build();
        var extra = new JsonObject { ["group-communities"] = new JsonArray("R&E") };

        var ping = Record(records, "service/collector/ping");
        var perlPing = PerlRecords.Build("service", ServiceInit("ping", "Fathom ping on ps1.example.net", "198.124.252.10", "2001:400:201:1150::3"), new JsonObject
        {
            ["group-communities"] = new JsonArray("R&E"),
            [FathomKeys.Module] = new JsonArray("ping"),
            [FathomKeys.Collector] = new JsonArray("ping"),
            [FathomKeys.Targets] = new JsonArray("192.0.2.1", "example.org"),
        });
        Assert.True(ping.SameContent(perlPing), Diff(ping, perlPing));

        var trace = Record(records, "service/collector/trace-east");
        Assert.Equal(["traceroute"], trace.Get(LookupKeys.ServiceType));
        Assert.Equal(["Fathom trace (trace-east) on ps1.example.net"], trace.Get(LookupKeys.ServiceName));
        Assert.Equal(["trace"], trace.Get(FathomKeys.Module));
        Assert.Equal(["example.com"], trace.Get(FathomKeys.Targets));

        var web = Record(records, "service/collector/web");
        Assert.Equal(["fathom-http"], web.Get(LookupKeys.ServiceType));
        Assert.Empty(web.Get(FathomKeys.Targets));
    }

    [Theory]
    [InlineData("ping", "ping")]
    [InlineData("trace", "traceroute")]
    [InlineData("Trace", "traceroute")]
    [InlineData("throughput", "fathom-throughput")]
    [InlineData("dns", "fathom-dns")]
    [InlineData("Acme.Probes.RadiusCollector, plugins/Acme.Probes.dll", "fathom-radiuscollector")]
    public void ServiceType_Module_PerfSonarNameWhereOneExists(string module, string type) => Assert.Equal(type, FathomKeys.ServiceType(module));

    [Fact]
    public void Build_TwoCollectorsOfOneModule_NamesTellThemApart()
    {
        var records = Build(inputs: Inputs with { Collectors = [new("a", "ping", ["x"]), new("b", "ping", ["y"])] });

        Assert.Equal(["Fathom ping (a) on ps1.example.net"], Record(records, "service/collector/a").Get(LookupKeys.ServiceName));
        Assert.Equal(["Fathom ping (b) on ps1.example.net"], Record(records, "service/collector/b").Get(LookupKeys.ServiceName));
    }

    [Fact]
    public void Build_ConfiguredHostName_ReplacesTheFact()
    {
        var settings = Settings with { HostFields = new Dictionary<string, IReadOnlyList<string>> { [LookupKeys.HostName] = ["measure.example.net"] } };

        var records = Build(settings);

        Assert.Equal(["measure.example.net", "198.124.252.10", "2001:400:201:1150::3"], Record(records, "host").Get(LookupKeys.HostName));
        Assert.Equal(["Fathom archive on measure.example.net"], Record(records, "service/archive").Get(LookupKeys.ServiceName));
    }

    [Fact]
    public void Build_FactsMissing_KeysLeftOut()
    {
        var facts = new FakeHostFacts { OsName = null, OsVersion = null, OsKernel = null, MemoryMiB = null, ProcessorSpeedMHz = null, ProcessorCount = null, ProcessorCores = null, HostName = null };

        var host = Record(Build(facts: facts), "host");

        Assert.DoesNotContain(host.Values.Keys, k => k.StartsWith("host-os", StringComparison.Ordinal) || k.StartsWith("host-hardware", StringComparison.Ordinal));
        Assert.Equal(["198.124.252.10", "2001:400:201:1150::3"], host.Get(LookupKeys.HostName));
    }

    [Fact]
    public void Build_InternalAddresses_LeftOutUnlessAllowed()
    {
        var facts = new FakeHostFacts { Addresses = [IPAddress.Loopback, IPAddress.Parse("10.1.2.3"), IPAddress.Parse("198.124.252.10"), IPAddress.Parse("fe80::1"), IPAddress.IPv6Loopback] };
        var inputs = Inputs with { ApiLocators = ["http://127.0.0.1:8085/"] };

        var closed = Build(inputs: inputs, facts: facts);
        var open = Build(Settings with { AllowInternalAddresses = true }, inputs, facts);

        Assert.Equal(["ps1.example.net", "198.124.252.10"], Record(closed, "host").Get(LookupKeys.HostName));
        Assert.DoesNotContain(closed, r => r.Key == "service/api");
        Assert.Equal(["198.124.252.10"], Record(closed, "service/collector/ping").Get(LookupKeys.ServiceLocator));
        Assert.Equal(["ps1.example.net", "127.0.0.1", "10.1.2.3", "198.124.252.10", "fe80::1", "::1"], Record(open, "host").Get(LookupKeys.HostName));
        Assert.Equal(["http://127.0.0.1:8085/"], Record(open, "service/api").Get(LookupKeys.ServiceLocator));
    }

    [Fact]
    public void Build_Ipv4WildcardAndNamedApiListeners_Ipv4AddressesAndNameKept()
    {
        var records = Build(inputs: Inputs with { ApiLocators = ["http://0.0.0.0:8085/", "https://api.example.net:8443/"] });

        Assert.Equal(["http://198.124.252.10:8085/", "https://api.example.net:8443/"], Record(records, "service/api").Get(LookupKeys.ServiceLocator));
    }

    [Fact]
    public void Build_NoArchiveNoApiNoCollectors_HostOnly()
    {
        var records = Build(inputs: new LookupInputs());

        Assert.Equal(["host"], records.Select(r => r.Key));
    }

    [Fact]
    public void Build_NoPublicAddress_CollectorsLocatedByName()
    {
        var records = Build(facts: new FakeHostFacts { Addresses = [IPAddress.Parse("192.168.1.5")] });

        Assert.Equal(["ps1.example.net"], Record(records, "service/collector/ping").Get(LookupKeys.ServiceLocator));
    }

    private static JsonObject ServiceInit(string type, string name, params string[] locators)
    {
        var init = new JsonObject
        {
            ["serviceType"] = type,
            ["serviceName"] = name,
            ["serviceLocator"] = new JsonArray([.. locators.Select(l => (JsonNode)l)]),
            ["serviceVersion"] = "fathom-1.2.3",
            ["domains"] = new JsonArray("example.net"),
            ["siteName"] = "Acme Co.",
            ["city"] = "Berkeley",
            ["region"] = "CA",
            ["country"] = "US",
            ["zipCode"] = "94720",
            ["latitude"] = "37.5",
            ["longitude"] = "-121.7469",
        };
        return init;
    }

    private static string Diff(LookupRecord ours, LookupRecord theirs) =>
        "ours:   " + System.Text.Encoding.UTF8.GetString(LookupRecordJson.ToUtf8(ours, false)) + "\nperl:   " + System.Text.Encoding.UTF8.GetString(LookupRecordJson.ToUtf8(theirs, false));
}
