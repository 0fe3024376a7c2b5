namespace Fathom.IntegrationTests;

/// <summary>fathomd --check refuses a bad &lt;api&gt; block with file:line and exit 2, before anything listens.</summary>
public sealed class ApiConfigCheckTests
{
    public static TheoryData<string, string> Bad => new()
    {
        { "listen 0.0.0.0:8085", "is not a loopback address: set token_file" },
        { "listen [::]:0", "is not a loopback address: set token_file" },
        { "listen 127.0.0.1", "must be ADDRESS:PORT" },
        { "listen 127.0.0.1:99999", "is not a number from 0 to 65535" },
        { "listen ::1:8085", "write an IPv6 address in brackets" },
        { "listen example.org:8085", "is not an IP address" },
        { "token_file TOKENDIR/missing", "token_file" },
        { "token_file TOKENDIR/short", "must hold one token of at least 16 characters" },
        { "certificate TOKENDIR/cert.pem", "TLS needs both 'certificate' and 'key'" },
        { "port 8085", "unknown key 'port' in <api>" },
        { "enabled sometimes", "'enabled' must be yes or no" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public async Task Check_BadApiBlock_FileLineExit2(string line, string says)
    {
        using var dir = new TempDir();
        dir.Write("short", "abc\n");
        dir.Write("cert.pem", "not checked at --check beyond existing\n");
        var config = Configs.Write(dir, Configs.Noop("c1", "600"), $"<api>\n    {line.Replace("TOKENDIR", dir.Path, StringComparison.Ordinal)}\n</api>");
        var apiLine = File.ReadAllLines(config).ToList().IndexOf("<api>") + 2;

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);

        Assert.Equal(2, code);
        Assert.Contains($"{config}:{apiLine}: ", output, StringComparison.Ordinal);
        Assert.Contains(says, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NonLoopbackWithToken_Accepted()
    {
        using var dir = new TempDir();
        var config = Configs.Write(dir, Configs.Noop("c1", "600"), ApiDaemon.ApiBlock(dir, "0.0.0.0:8085"));

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);

        Assert.True(code == 0, output);
    }
}
