using System.Text.RegularExpressions;

namespace Fathom.IntegrationTests;

/// <summary>The real fathomd with an &lt;api&gt; on a free port (read from its "api listening on" line) and a token.</summary>
internal sealed partial class ApiDaemon : IDisposable
{
    public const string Token = "0123456789abcdef0123456789abcdef";

    private ApiDaemon(TempDir dir, DaemonProcess process, Uri address, string config)
    {
        Dir = dir;
        Process = process;
        Address = address;
        Config = config;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public TempDir Dir { get; }

    public DaemonProcess Process { get; }

    public Uri Address { get; }

    public string Config { get; }

    public HttpClient Client { get; }

    /// <summary>The &lt;api&gt; block these tests use: <paramref name="listen"/>, the token file in the folder.</summary>
    public static string ApiBlock(TempDir dir, string listen = "127.0.0.1:0")
    {
        dir.Write("token", Token + "\n");
        return $"<api>\n    listen {listen}\n    token_file {dir.File("token")}\n</api>";
    }

    public static async Task<ApiDaemon> StartAsync(TempDir dir, string listen, params string[] blocks)
    {
        var config = Configs.Write(dir, [ApiBlock(dir, listen), .. blocks]);
        var process = DaemonProcess.Start(["--foreground", $"--config={config}"]);
        await process.WaitForOutputAsync("api listening on ");
        var url = Listening().Match(process.Output).Groups[1].Value;
        return new ApiDaemon(dir, process, new Uri(url), config);
    }

    public HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", Token);
        return request;
    }

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }

    [GeneratedRegex(@"api listening on (\S+)")]
    private static partial Regex Listening();
}
