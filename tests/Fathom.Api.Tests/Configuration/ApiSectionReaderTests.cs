using System.Net;
using Fathom.Api.Configuration;
using Fathom.Api.Tests.Support;
using Fathom.Core.Configuration;

namespace Fathom.Api.Tests.Configuration;

/// <summary>The &lt;api&gt; block read from a real file by the real Config::General parser: every setting, and every mistake with its file:line.</summary>
public sealed class ApiSectionReaderTests : IDisposable
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private readonly TempFolder _dir = new();
    private readonly List<ConfigException> _errors = [];

    public void Dispose() => _dir.Dispose();

    /// <summary>Reads "fathom.conf" holding <paramref name="text"/> (the api block's keys start on line 2).</summary>
    private ApiSettings Read(string text)
    {
        var file = _dir.File("fathom.conf", text);
        var root = ConfigGeneralParser.ParseFile(file);
        var node = root.TryGet(ApiSectionReader.Name, out var n) ? n : null;
        return (ApiSettings)new ApiSectionReader().Read(node, new ConfigSectionContext(file, _errors, []));
    }

    private ApiSettings ReadBlock(params string[] lines) => Read("<api>\n" + string.Join('\n', lines) + "\n</api>\n");

    private string TokenFile(string text = Token) => _dir.File("token", text);

    private void AssertOneError(int line, string says)
    {
        var e = Assert.Single(_errors);
        Assert.Equal(line, e.Location?.Line);
        Assert.StartsWith($"{Path.Combine(_dir.Path, "fathom.conf")}:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoBlock_Off()
    {
        Assert.Same(ApiSettings.Off, Read("collection_interval 15\n"));
        Assert.Empty(_errors);
    }

    [Fact]
    public void Read_EmptyBlock_OnAtLoopback8085NoTokenNoTls()
    {
        var s = Read("<api>\n</api>\n");

        Assert.Empty(_errors);
        Assert.True(s.Enabled);
        var l = Assert.Single(s.Listen);
        Assert.Equal((IPAddress.Loopback, 8085), (l.Address, l.Port));
        Assert.Equal((null, null, false, ApiSettings.DefaultMaxPoints), (s.Token, s.TokenFile, s.Tls, s.MaxPoints));
    }

    [Fact]
    public void Read_EveryKey_Kept()
    {
        var token = TokenFile(Token + "\n");
        var cert = _dir.File("cert.pem", "x");
        var key = _dir.File("key.pem", "x");

        var s = ReadBlock("listen 127.0.0.1:0", "listen [::1]:9000", "listen 0.0.0.0:8085", "token_file token", "certificate cert.pem", "key = key.pem", "max_points 5000", "enabled yes");

        Assert.Empty(_errors);
        Assert.Equal(["127.0.0.1:0", "[::1]:9000", "0.0.0.0:8085"], s.Listen.Select(l => l.ToString()));
        Assert.Equal([2, 3, 4], s.Listen.Select(l => l.Location.Line));
        Assert.Equal((token, Token), (s.TokenFile, s.Token)); // relative to the file, trailing newline trimmed
        Assert.Equal((cert, key, true), (s.Certificate, s.Key, s.Tls));
        Assert.Equal(5000, s.MaxPoints);
    }

    [Theory]
    [InlineData("localhost:8085", "127.0.0.1:8085")]
    [InlineData("[::]:0", "[::]:0")]
    [InlineData("127.0.0.2:65535", "127.0.0.2:65535")]
    public void ParseListen_Accepted(string text, string expected)
    {
        TokenFile();
        var s = ReadBlock($"listen {text}", "token_file token");

        Assert.Empty(_errors);
        Assert.Equal(expected, Assert.Single(s.Listen).ToString());
    }

    [Theory]
    [InlineData("8085", "must be ADDRESS:PORT")]
    [InlineData("127.0.0.1:", "must be ADDRESS:PORT")]
    [InlineData(":8085", "must be ADDRESS:PORT")]
    [InlineData("127.0.0.1:http", "port 'http' is not a number from 0 to 65535")]
    [InlineData("127.0.0.1:65536", "port '65536' is not a number from 0 to 65535")]
    [InlineData("127.0.0.1:-1", "port '-1' is not a number")]
    [InlineData("::1:8085", "write an IPv6 address in brackets")]
    [InlineData("example.org:8085", "'example.org' is not an IP address")]
    [InlineData("[::1:8085", "write an IPv6 address in brackets")]
    [InlineData("[fe80::zz]:8085", "'fe80::zz' is not an IP address")]
    [InlineData("300.1.1.1:8085", "'300.1.1.1' is not an IP address")]
    public void ParseListen_Bad_ErrorAtItsLine(string text, string says)
    {
        ReadBlock("max_points 5000", $"listen {text}");

        AssertOneError(3, says);
    }

    [Fact]
    public void Listen_EmptyValue_Error()
    {
        ReadBlock("listen \"\"");

        AssertOneError(2, "'listen' needs ADDRESS:PORT");
    }

    [Fact]
    public void Listen_Repeated_OneBadOneGood_OnlyTheBadReported()
    {
        var s = ReadBlock("listen 127.0.0.1:1", "listen nope");

        AssertOneError(3, "'nope'");
        Assert.Single(s.Listen);
    }

    [Theory]
    [InlineData("0.0.0.0:8085")]
    [InlineData("[::]:0")]
    [InlineData("192.0.2.1:8085")]
    public void Listen_NotLoopbackWithoutToken_RefusedAtItsLine(string listen)
    {
        ReadBlock("max_points 5000", $"listen {listen}");

        AssertOneError(3, "is not a loopback address: set token_file");
    }

    [Fact]
    public void Listen_NotLoopbackWithToken_Accepted()
    {
        TokenFile();
        var s = ReadBlock("listen 0.0.0.0:8085", "token_file token");

        Assert.Empty(_errors);
        Assert.False(Assert.Single(s.Listen).IsLoopback);
    }

    [Fact]
    public void Listen_NotLoopbackWithoutTokenButDisabled_Accepted()
    {
        var s = ReadBlock("enabled no", "listen 0.0.0.0:8085");

        Assert.Empty(_errors);
        Assert.False(s.Enabled);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    public void Enabled_NotYesOrNo_Error(string value)
    {
        ReadBlock($"enabled {value}");

        AssertOneError(2, $"'enabled' must be yes or no, not '{value}'");
    }

    [Fact]
    public void TokenFile_Missing_ErrorNamesThePath()
    {
        ReadBlock("token_file nowhere");

        AssertOneError(2, $"token_file '{Path.Combine(_dir.Path, "nowhere")}'");
    }

    [Fact]
    public void TokenFile_IsAFolder_Error()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "folder"));

        ReadBlock("token_file folder");

        AssertOneError(2, "token_file");
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("0123456789abcde")] // 15
    [InlineData("0123456789abcdef 0123456789abcdef")]
    [InlineData("0123456789abcdef\n0123456789abcdef")]
    public void TokenFile_NotOneLongToken_Error(string content)
    {
        TokenFile(content);

        ReadBlock("token_file token");

        AssertOneError(2, "must hold one token of at least 16 characters");
    }

    [Fact]
    public void TokenFile_Exactly16_Accepted()
    {
        TokenFile("0123456789abcdef");

        Assert.Equal("0123456789abcdef", ReadBlock("token_file token").Token);
        Assert.Empty(_errors);
    }

    [Fact]
    public void TokenFile_GivenTwice_Error()
    {
        TokenFile();

        ReadBlock("token_file token", "token_file token");

        Assert.Contains("'token_file' is given 2 times", Assert.Single(_errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("certificate")]
    [InlineData("key")]
    public void TlsFile_Missing_ErrorNamesThePath(string name)
    {
        _dir.File("other.pem", "x");
        ReadBlock($"{name} missing.pem", $"{(name == "key" ? "certificate" : "key")} other.pem");

        AssertOneError(2, $"'{name}' '{Path.Combine(_dir.Path, "missing.pem")}' does not exist");
    }

    [Theory]
    [InlineData("certificate")]
    [InlineData("key")]
    public void Tls_OnlyOneOfTheTwo_ErrorAtIt(string name)
    {
        _dir.File("x.pem", "x");

        var s = ReadBlock("max_points 5000", $"{name} x.pem");

        AssertOneError(3, "TLS needs both 'certificate' and 'key'");
        Assert.Equal((null, null, false), (s.Certificate, s.Key, s.Tls));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("100000001")]
    [InlineData("lots")]
    [InlineData("-5")]
    public void MaxPoints_OutOfRange_Error(string value)
    {
        ReadBlock($"max_points {value}");

        AssertOneError(2, $"must be a whole number from 1000 to 100000000, not '{value}'");
    }

    [Fact]
    public void UnknownKey_ErrorListsTheKnownOnes()
    {
        ReadBlock("listen 127.0.0.1:0", "port 8085");

        AssertOneError(3, "unknown key 'port' in <api> (known: enabled, listen, token_file, certificate, key, max_points)");
    }

    [Fact]
    public void Api_NotABlock_Error()
    {
        var s = Read("api 127.0.0.1:8085\n");

        var e = Assert.Single(_errors);
        Assert.Contains("'api' must be a block", e.Message, StringComparison.Ordinal);
        Assert.Same(ApiSettings.Off, s);
    }

    [Fact]
    public void SeveralMistakes_AllReportedAtOnce()
    {
        ReadBlock("enabled perhaps", "listen nowhere", "max_points 1", "bogus 1");

        Assert.Equal([2, 3, 4, 5], _errors.Select(e => e.Location!.Value.Line));
    }
}
