using Fathom.Core.Configuration;
using Fathom.Lookup.Configuration;
using Fathom.Lookup.Records;
using Fathom.Lookup.Tests.Support;

namespace Fathom.Lookup.Tests.Configuration;

/// <summary>The &lt;lookup&gt; block read from a real file by the real Config::General parser: every key, and every mistake with its file:line.</summary>
public sealed class LookupSectionReaderTests : IDisposable
{
    private const string Url = "http://ls.example.net:8090/lookup/records";
    private readonly TempFolder _dir = new();
    private readonly List<ConfigException> _errors = [];

    public void Dispose() => _dir.Dispose();

    private string ConfFile => Path.Combine(_dir.Path, "fathom.conf");

    private LookupSettings Read(string text)
    {
        var file = _dir.File("fathom.conf", text);
        var root = ConfigGeneralParser.ParseFile(file);
        var node = root.TryGet(LookupSectionReader.Name, out var n) ? n : null;
        return (LookupSettings)new LookupSectionReader().Read(node, new ConfigSectionContext(file, _errors, []));
    }

    /// <summary>The block's keys start on line 2.</summary>
    private LookupSettings ReadBlock(params string[] lines) => Read("<lookup>\n" + string.Join('\n', lines) + "\n</lookup>\n");

    private void AssertError(int line, string says)
    {
        Assert.Contains(_errors, e => e.Location?.Line == line && e.Message.StartsWith($"{ConfFile}:{line}: ", StringComparison.Ordinal) && e.Message.Contains(says, StringComparison.Ordinal));
    }

    private void AssertOneError(int line, string says)
    {
        var e = Assert.Single(_errors);
        Assert.Equal(line, e.Location?.Line);
        Assert.StartsWith($"{ConfFile}:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoBlock_Off()
    {
        Assert.Same(LookupSettings.Off, Read("collection_interval 15\n"));
        Assert.Empty(_errors);
    }

    [Fact]
    public void Read_OneUrl_DefaultsKept()
    {
        var s = ReadBlock($"url {Url}");

        Assert.Empty(_errors);
        Assert.True(s.Enabled);
        Assert.Equal([new Uri(Url)], s.Urls);
        Assert.Null(s.HintsUrl);
        Assert.Null(s.HintsFile);
        Assert.Equal(TimeSpan.FromHours(2), s.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(10), s.CheckInterval);
        Assert.False(s.AllowInternalAddresses);
        Assert.Empty(s.HostFields);
        Assert.Empty(s.CommonFields);
    }

    [Fact]
    public void Read_EveryKey_Kept()
    {
        var s = ReadBlock(
            $"url {Url}",
            "url https://ls2.example.org/lookup/records",
            "ttl 4h",
            "check_interval 15m",
            "allow_internal_addresses yes",
            "enabled yes",
            "host_name ps1.example.net",
            "site_name Acme Co.",
            "city Berkeley",
            "region CA",
            "country us",
            "zip_code 94720",
            "latitude 37.5",
            "longitude -121.7469",
            "domain example.net",
            "domain example.org",
            "community R&E",
            "site_project Acme Project");

        Assert.Empty(_errors);
        Assert.Equal([new Uri(Url), new Uri("https://ls2.example.org/lookup/records")], s.Urls);
        Assert.Equal((TimeSpan.FromHours(4), TimeSpan.FromMinutes(15), true, true), (s.Ttl, s.CheckInterval, s.AllowInternalAddresses, s.Enabled));
        Assert.Equal(["ps1.example.net"], s.HostFields[LookupKeys.HostName]);
        Assert.Equal(["Acme Co."], s.HostFields[LookupKeys.LocationSitename]);
        Assert.Equal(["Berkeley"], s.HostFields[LookupKeys.LocationCity]);
        Assert.Equal(["CA"], s.HostFields[LookupKeys.LocationState]);
        Assert.Equal(["US"], s.HostFields[LookupKeys.LocationCountry]);
        Assert.Equal(["94720"], s.HostFields[LookupKeys.LocationCode]);
        Assert.Equal(["37.5"], s.HostFields[LookupKeys.LocationLatitude]);
        Assert.Equal(["-121.7469"], s.HostFields[LookupKeys.LocationLongitude]);
        Assert.Equal(["example.net", "example.org"], s.CommonFields[LookupKeys.GroupDomains]);
        Assert.Equal(["R&E", "Acme Project"], s.CommonFields[LookupKeys.GroupCommunities]);
    }

    [Fact]
    public void Read_SameBlockTwice_EqualByValue()
    {
        var lines = new[] { $"url {Url}", "domain example.net", "city Berkeley" };
        Assert.Equal(ReadBlock(lines), ReadBlock(lines));
        Assert.NotEqual(ReadBlock(lines), ReadBlock([.. lines, "city Oakland"]));
    }

    [Fact]
    public void Read_EnabledNo_OffWithoutUrl()
    {
        var s = ReadBlock("enabled no");

        Assert.Empty(_errors);
        Assert.False(s.Enabled);
    }

    [Fact]
    public void Read_HintsUrl_Kept()
    {
        var s = ReadBlock("hints_url https://lookup.perfsonar.net/lookup/activehosts.json");

        Assert.Empty(_errors);
        Assert.Equal(new Uri("https://lookup.perfsonar.net/lookup/activehosts.json"), s.HintsUrl);
        Assert.Empty(s.Urls);
    }

    [Fact]
    public void Read_HintsFile_ParsedAndKeptRelativeToConfig()
    {
        _dir.File("activehosts.json", $$"""{"hosts":[{"locator":"{{Url}}","status":"alive","priority":1}]}""");

        var s = ReadBlock("hints_file activehosts.json");

        Assert.Empty(_errors);
        Assert.Equal(Path.Combine(_dir.Path, "activehosts.json"), s.HintsFile);
    }

    [Theory]
    [InlineData("""{"hosts":[""", "not valid JSON")]
    [InlineData("""{"servers":[]}""", "expected {\"hosts\"")]
    [InlineData("""{"hosts":[{"locator":"http://ls:8090/lookup/records","status":"dead"}]}""", "hosts[0]: 'status' must be alive, unreachable or unknown, not 'dead'")]
    [InlineData("""{"hosts":[{"status":"alive"}]}""", "hosts[0]: 'locator' must be a string")]
    public void Read_BadHintsFile_ErrorNamesFileAtItsLine(string json, string says)
    {
        var path = _dir.File("activehosts.json", json);

        ReadBlock("ttl 2h", "hints_file activehosts.json");

        AssertOneError(3, says);
        Assert.Contains($"hints {path}", _errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingHintsFile_ErrorAtItsLine()
    {
        ReadBlock("hints_file nowhere.json");

        AssertOneError(2, "nowhere.json");
    }

    [Theory]
    [InlineData("url ftp://ls.example.net/lookup/records", "is not an http or https URL")]
    [InlineData("url ls.example.net:8090", "is not an http or https URL")]
    [InlineData("url http://ls.example.net:8090/", "must end in the path /lookup/records")]
    [InlineData("url http://ls.example.net:8090/lookup/records?x=1", "without a query")]
    [InlineData("url http://user@ls.example.net/lookup/records", "no user name")]
    [InlineData("ttl forever", "'ttl' must be a positive duration")]
    [InlineData("ttl 29s", "'ttl' must be from 30s to 30d")]
    [InlineData("ttl 31d", "'ttl' must be from 30s to 30d")]
    [InlineData("check_interval 0", "'check_interval' must be a positive duration")]
    [InlineData("allow_internal_addresses maybe", "'allow_internal_addresses' must be yes or no")]
    [InlineData("enabled sometimes", "'enabled' must be yes or no")]
    [InlineData("host_name not a name", "'host_name' must be a DNS name")]
    [InlineData("country USA", "'country' must be a two-letter ISO 3166 country code")]
    [InlineData("country U1", "'country' must be a two-letter ISO 3166 country code")]
    [InlineData("latitude 90.5", "'latitude' must be a number from -90 to 90")]
    [InlineData("latitude north", "'latitude' must be a number from -90 to 90")]
    [InlineData("longitude -180.1", "'longitude' must be a number from -180 to 180")]
    [InlineData("domain bad_domain!", "'domain' must be a DNS name")]
    [InlineData("city", "'city' needs a value")]
    [InlineData("colour blue", "unknown key 'colour' in <lookup>")]
    public void Read_BadValue_ErrorAtItsLine(string line, string says)
    {
        ReadBlock($"url {Url}", line);

        AssertOneError(3, says);
    }

    [Fact]
    public void Read_BadHintsUrl_ErrorAtItsLine()
    {
        ReadBlock("ttl 1h", "hints_url ftp://x/activehosts.json");

        AssertOneError(3, "'hints_url' must be an http or https URL");
    }

    [Fact]
    public void Read_SingleKeyTwice_ErrorAtItsLine()
    {
        ReadBlock($"url {Url}", "ttl 1h", "ttl 2h");

        AssertOneError(3, "'ttl' is given 2 times");
    }

    [Fact]
    public void Read_SecondUrlBad_ErrorAtThatLine()
    {
        ReadBlock($"url {Url}", "ttl 1h", "url http://x/other");

        AssertOneError(4, "must end in the path /lookup/records");
    }

    [Fact]
    public void Read_NoServer_ErrorAtBlock()
    {
        Read("collection_interval 15\n<lookup>\n    ttl 1h\n</lookup>\n");

        AssertOneError(2, "<lookup> needs 'url");
    }

    [Fact]
    public void Read_UrlAndHintsUrl_ErrorAtSecond()
    {
        ReadBlock($"url {Url}", "hints_url http://hints.example.net/activehosts.json");

        AssertOneError(3, "takes one of 'url' (repeatable), 'hints_url' or 'hints_file', not 'url', 'hints_url'");
    }

    [Fact]
    public void Read_CheckIntervalNotShorterThanTtl_ErrorAtCheckInterval()
    {
        ReadBlock($"url {Url}", "ttl 5m", "check_interval 5m");

        AssertOneError(4, "check_interval (PT5M) must be shorter than ttl (PT5M)");
    }

    [Fact]
    public void Read_TtlBelowDefaultCheckInterval_ErrorAtTtl()
    {
        ReadBlock($"url {Url}", "ttl 2m");

        AssertOneError(3, "check_interval (PT10M) must be shorter than ttl (PT2M)");
    }

    [Fact]
    public void Read_ManyMistakes_AllReportedAtOnce()
    {
        ReadBlock("url http://x/", "ttl 1s", "country Germany", "latitude 100", "colour blue");

        Assert.Equal(5, _errors.Count);
        AssertError(2, "'url'");
        AssertError(3, "'ttl'");
        AssertError(4, "'country'");
        AssertError(5, "'latitude'");
        AssertError(6, "unknown key 'colour'");
    }

    [Fact]
    public void Read_PlainKeyNotBlock_Error()
    {
        Read("lookup yes\n");

        AssertOneError(1, "'lookup' must be a block");
    }
}
