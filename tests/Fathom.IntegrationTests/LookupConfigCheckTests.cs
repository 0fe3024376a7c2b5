namespace Fathom.IntegrationTests;

/// <summary>fathomd --check reads the &lt;lookup&gt; block: a good one (urls, or a hints file parsed now) passes, every mistake is reported at once with file:line and exit 2.</summary>
public sealed class LookupConfigCheckTests
{
    [Fact]
    public async Task Check_GoodLookupBlocks_Accepted()
    {
        using var dir = new TempDir();
        dir.Write("activehosts.json", """{"hosts":[{"locator":"http://ls.example.net:8090/lookup/records","status":"alive","priority":1}]}""");
        foreach (var block in new[]
        {
            "url http://ls.example.net:8090/lookup/records\n    url https://ls2.example.org/lookup/records\n    ttl 2h\n    check_interval 10m\n    site_name Acme Co.\n    country US\n    latitude 37.5\n    longitude -121.7\n    domain example.net\n    community R&E",
            "hints_url https://lookup.example.net/lookup/activehosts.json",
            $"hints_file {dir.Path}/activehosts.json\n    allow_internal_addresses yes",
            "enabled no",
        })
        {
            var config = Configs.Write(dir, Configs.Noop("c1", "600"), $"<lookup>\n    {block}\n</lookup>");

            var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);

            Assert.True(code == 0, $"{block}\n{output}");
        }
    }

    [Fact]
    public async Task Check_BadLookupBlock_EveryMistakeAtItsLineExit2()
    {
        using var dir = new TempDir();
        dir.Write("activehosts.json", """{"hosts":[{"locator":"http://ls.example.net:8090/","status":"alive"}]}""");
        var config = Configs.Write(dir, Configs.Noop("c1", "600"), $"""
            <lookup>
                url http://ls.example.net:8090/
                hints_file {dir.Path}/activehosts.json
                ttl 10s
                country Germany
                latitude 95
                colour blue
            </lookup>
            """);
        var lines = File.ReadAllLines(config).ToList();
        int Line(string start) => lines.FindIndex(l => l.TrimStart().StartsWith(start, StringComparison.Ordinal)) + 1;

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);

        Assert.Equal(2, code);
        Assert.Contains($"{config}:{Line("url ")}: 'url' 'http://ls.example.net:8090/' must end in the path /lookup/records", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{Line("hints_file ")}: 'hints_file' hints {dir.Path}/activehosts.json: hosts[0]: locator", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{Line("hints_file ")}: <lookup> takes one of 'url' (repeatable), 'hints_url' or 'hints_file'", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{Line("ttl ")}: 'ttl' must be from 30s to 30d", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{Line("country ")}: 'country' must be a two-letter ISO 3166 country code", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{Line("latitude ")}: 'latitude' must be a number from -90 to 90", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:{Line("colour ")}: unknown key 'colour' in <lookup>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown block", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
