using System.Diagnostics;
using System.Globalization;
using Fathom.Collectors.Tests.Support;

namespace Fathom.Collectors.Tests.Http;

/// <summary>http.total and http.redirect beside curl's time_total and time_redirect, against a real server that redirects slowly.</summary>
public sealed class HttpRedirectCurlTests : IDisposable
{
    // /start waits 300 ms, then redirects to /final, which waits 100 ms and answers.
    private const string Server = """
        import http.server, sys, time
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/start":
                    time.sleep(0.3)
                    self.send_response(302)
                    self.send_header("Location", "/final")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    time.sleep(0.1)
                    self.send_response(200)
                    self.send_header("Content-Length", "4")
                    self.end_headers()
                    self.wfile.write(b"done")
            def log_message(self, *args):
                pass
        s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        print("Serving HTTP on 127.0.0.1 port %d (slow redirect) ..." % s.server_address[1], flush=True)
        s.serve_forever()
        """;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CollectAsync_SlowRedirect_TotalCoversEveryHopLikeCurl()
    {
        using var server = await PythonHttpServer.StartScriptAsync(_dir.File("slow.py", Server));
        var url = $"http://127.0.0.1:{server.Port}/start";

        // One side-by-side pair can straddle a load spike on a shared machine (CI saw 906 ms against
        // curl's 408): up to three pairs are measured, and the closest must agree. A real difference
        // in what is timed shows in every pair.
        var attempts = new List<string>();
        Runner r = null!;
        double curlTotal = 0, curlRedirect = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            r = await HttpProbeRun.RunAsync(("url", url));
            (curlTotal, curlRedirect) = await CurlAsync(url);
            attempts.Add($"fathom {r.Value("http.total"):0.0}/{r.Value("http.redirect"):0.0} ms, curl {curlTotal:0.0}/{curlRedirect:0.0} ms");
            if (Math.Abs(r.Value("http.total") - curlTotal) <= 100 && Math.Abs(r.Value("http.redirect") - curlRedirect) <= 100)
            {
                break;
            }
        }

        Assert.Equal(1, r.Value("http.success"));
        Assert.Equal(1, r.Value("http.redirects"));
        var (total, redirect) = (r.Value("http.total"), r.Value("http.redirect"));
        Assert.True(total >= 400, $"http.total {total} ms must cover both hops' 400 ms of waiting (curl: {curlTotal} ms)");
        Assert.True(redirect >= 300, $"http.redirect {redirect} ms must cover the first hop's 300 ms (curl: {curlRedirect} ms)");
        // Both tools wait for the same sleeps; the rest is loopback work and scheduling.
        Assert.True(Math.Abs(total - curlTotal) <= 100 && Math.Abs(redirect - curlRedirect) <= 100, "total/redirect within 100 ms of curl's in no attempt: " + string.Join("; ", attempts));
        // The last hop's phases plus the redirect time make the total.
        HttpProbeRun.AssertPhasesAddUp(r);
        Assert.InRange(r.Value("http.ttfb"), 100, total - redirect);
    }

    /// <summary>curl's time_total and time_redirect for the URL, followed, in milliseconds.</summary>
    private static async Task<(double Total, double Redirect)> CurlAsync(string url)
    {
        var info = new ProcessStartInfo("curl", ["-s", "-o", "/dev/null", "-L", "-w", "%{time_total} %{time_redirect}", url])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var curl = Process.Start(info)!;
        var output = await curl.StandardOutput.ReadToEndAsync().WaitAsync(Poll.Deadline);
        await curl.WaitForExitAsync().WaitAsync(Poll.Deadline);
        Assert.True(curl.ExitCode == 0, $"curl exited {curl.ExitCode}: {output}");
        var parts = output.Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture) * 1000, double.Parse(parts[1], CultureInfo.InvariantCulture) * 1000);
    }
}
