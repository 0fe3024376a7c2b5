using Fathom.Collectors.Http;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Http;

public sealed class HttpConfigTests
{
    private static ConfigException Fails(params (string Key, string Value)[] settings) =>
        Assert.Throws<ConfigException>(() => new HttpCollector().Init(TestConfig.Collector("http", "/tmp", settings)));

    private static void AssertError(ConfigException e, int line, string text)
    {
        Assert.StartsWith($"test.conf:{line}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_NoUrl_ErrorAtBlockLine() =>
        AssertError(Fails(("method", "GET")), 1, "needs 'url'");

    [Theory]
    [InlineData("ftp://example.org/")]
    [InlineData("/relative/path")]
    [InlineData("http//missing-colon")]
    [InlineData("http://exa mple.org/")]
    [InlineData("http://127.0.0.1:70000/")]
    public void Init_BadUrl_ErrorAtUrlLine(string url) =>
        AssertError(Fails(("url", url)), 2, "must be an absolute http:// or https:// URL");

    [Fact]
    public void Init_UrlWithCredentials_Error() =>
        AssertError(Fails(("url", "http://user:pw@example.org/")), 2, "must not hold credentials");

    [Theory]
    [InlineData("299-200")]
    [InlineData("abc")]
    [InlineData("600")]
    [InlineData("200-")]
    [InlineData("99")]
    public void Init_BadStatusRange_ErrorAtItsLine(string range) =>
        AssertError(Fails(("url", "http://127.0.0.1/"), ("expect_status", "200"), ("expect_status", range)), 3, $"'{range}' must be a status code (100-599) or a range");

    [Fact]
    public void Init_BadRegex_ErrorAtItsLine() =>
        AssertError(Fails(("url", "http://127.0.0.1/"), ("expect_body", "ok(")), 3, "'expect_body' is not a valid .NET regular expression");

    [Theory]
    [InlineData("NoColon")]
    [InlineData("Bad Name: x")]
    [InlineData(": empty name")]
    public void Init_BadHeaderSyntax_ErrorAtItsLine(string header) =>
        AssertError(Fails(("url", "http://127.0.0.1/"), ("header", header)), 3, "must be \"Name: value\"");

    [Fact]
    public void Init_FramingHeader_Refused() =>
        AssertError(Fails(("url", "http://127.0.0.1/"), ("header", "Content-Length: 5")), 3, "'Content-Length' is set by the collector itself");

    [Fact]
    public void Init_BadMethodTimeoutAndInsecure_ErrorsAtTheirLines()
    {
        AssertError(Fails(("url", "http://127.0.0.1/"), ("method", "GE T")), 3, "is not an HTTP method name");
        AssertError(Fails(("url", "http://127.0.0.1/"), ("timeout", "-")), 3, "must be a duration");
        AssertError(Fails(("url", "http://127.0.0.1/"), ("insecure", "yes")), 3, "only used with an https:// url");
        AssertError(Fails(("url", "http://127.0.0.1/"), ("follow_redirects", "often")), 3, "must be yes or no");
    }

    [Fact]
    public void Init_AllKeys_Accepted()
    {
        new HttpCollector().Init(TestConfig.Collector(
            "http",
            "/tmp",
            ("url", "https://[::1]:8443/health?x=1"),
            ("method", "POST"),
            ("header", "X-A: 1"),
            ("header", "Authorization: Bearer t"),
            ("body", "{}"),
            ("expect_status", "200-299, 404"),
            ("expect_status", "418"),
            ("expect_body", "^ok$"),
            ("timeout", "2s"),
            ("follow_redirects", "no"),
            ("insecure", "yes")));
        Assert.Contains(BuiltinCollectors.All, d => d.Module == "http" && d.Accepts("expect_body") && d.Accepts("timeout"));
    }
}
