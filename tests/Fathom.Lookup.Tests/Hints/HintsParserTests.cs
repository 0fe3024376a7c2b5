using Fathom.Lookup.Hints;

namespace Fathom.Lookup.Tests.Hints;

public sealed class HintsParserTests
{
    [Fact]
    public void Parse_PerfSonarShape_EveryHost()
    {
        const string json = """
            {"hosts": [
              {"locator": "http://ps-west.es.net:8090/lookup/records", "status": "alive", "priority": 1},
              {"locator": "http://ps-east.es.net:8090/lookup/records", "status": "unreachable", "priority": 2},
              {"locator": "https://ls.geant.org/lookup/records", "status": "unknown"},
              {"locator": "http://ls.example.net:8090/lookup/records"}
            ]}
            """;

        var hosts = HintsParser.Parse(json, "activehosts.json");

        Assert.Equal(
            [
                new HintHost(new Uri("http://ps-west.es.net:8090/lookup/records"), HintStatus.Alive, 1),
                new HintHost(new Uri("http://ps-east.es.net:8090/lookup/records"), HintStatus.Unreachable, 2),
                new HintHost(new Uri("https://ls.geant.org/lookup/records"), HintStatus.Unknown, 0),
                new HintHost(new Uri("http://ls.example.net:8090/lookup/records"), HintStatus.Unknown, 0),
            ],
            hosts);
    }

    [Fact]
    public void Parse_NoHosts_Empty() => Assert.Empty(HintsParser.Parse("""{"hosts":[]}""", "x"));

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"hosts\":[", "not valid JSON")]
    [InlineData("[]", "expected {\"hosts\"")]
    [InlineData("{\"hosts\":{}}", "expected {\"hosts\"")]
    [InlineData("{\"hosts\":[1]}", "hosts[0] is not an object")]
    [InlineData("{\"hosts\":[{\"locator\":5}]}", "hosts[0]: 'locator' must be a string")]
    [InlineData("{\"hosts\":[{\"locator\":\"http://ls:8090/other\"}]}", "hosts[0]: locator 'http://ls:8090/other' must end in the path /lookup/records")]
    [InlineData("{\"hosts\":[{\"locator\":\"http://a:1/lookup/records\"},{\"locator\":\"http://b:1/lookup/records\",\"status\":\"up\"}]}", "hosts[1]: 'status' must be alive, unreachable or unknown, not 'up'")]
    [InlineData("{\"hosts\":[{\"locator\":\"http://a:1/lookup/records\",\"status\":1}]}", "hosts[0]: 'status' must be a string")]
    [InlineData("{\"hosts\":[{\"locator\":\"http://a:1/lookup/records\",\"priority\":\"1\"}]}", "hosts[0]: 'priority' must be a whole number")]
    [InlineData("{\"hosts\":[{\"locator\":\"http://a:1/lookup/records\",\"priority\":1.5}]}", "hosts[0]: 'priority' must be a whole number")]
    public void Parse_Bad_ErrorNamesSourceAndPlace(string json, string says)
    {
        var e = Assert.Throws<HintsException>(() => HintsParser.Parse(json, "https://hints.example.net/activehosts.json"));

        Assert.StartsWith("hints https://hints.example.net/activehosts.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }
}
