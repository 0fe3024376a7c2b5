using System.Net;
using Fathom.Collectors.Tests.Tcp;

namespace Fathom.Collectors.Tests.Http;

/// <summary>https against an SslStream server with certificates made in the test.</summary>
public sealed class HttpTlsTests
{
    private static LocalServer Https(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, IPAddress? address = null) =>
        CraftedServer.Start((_, s, ct) => CraftedServer.WriteAsync(s, CraftedServer.Ok("secure ok"), ct), null, certificate, address);

    [Fact]
    public async Task CollectAsync_TrustedCertificate_TlsPhaseExpiryAndPhasesAddUp()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30);
        await using var server = Https(leaf);
        var url = $"https://localhost:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(TestCertificates.TrustCa(), ("url", url), ("expect_body", "^secure ok$"));

        Assert.Equal(1, r.Value("http.success", "target", url));
        Assert.InRange(r.Value("http.tls"), 0.01, 5000);
        Assert.InRange(r.Value("http.cert_expiry"), 29.99, 30.0);
        Assert.Equal(200, r.Value("http.status"));
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_SelfSignedCertificate_UntrustedFailureWithExpiry()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30, selfSigned: true);
        await using var server = Https(leaf);
        var url = $"https://127.0.0.1:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(("url", url));

        Assert.StartsWith("TLS: certificate untrusted", TcpProbeRun.Failure(r, "http", url), StringComparison.Ordinal);
        Assert.InRange(r.Value("http.cert_expiry"), 29.99, 30.0);
        Assert.Empty(r.Sink.Samples("http.status"));
    }

    [Fact]
    public async Task CollectAsync_SelfSignedInsecureIPv6_SuccessWithExpiry()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30, selfSigned: true);
        await using var server = Https(leaf, IPAddress.IPv6Loopback);
        var url = $"https://[::1]:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(("url", url), ("insecure", "yes"));

        Assert.Equal(1, r.Value("http.success"));
        Assert.InRange(r.Value("http.cert_expiry"), 29.99, 30.0);
        HttpProbeRun.AssertPhasesAddUp(r);
    }

    [Fact]
    public async Task CollectAsync_NameMismatch_ReportedAsSuch()
    {
        using var leaf = TestCertificates.Leaf(30, false, "other.example");
        await using var server = Https(leaf);
        var url = $"https://localhost:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(TestCertificates.TrustCa(), ("url", url));

        Assert.Equal("TLS: certificate name mismatch: 'other.example' does not match server name 'localhost'", TcpProbeRun.Failure(r, "http", url));
    }

    [Fact]
    public async Task CollectAsync_ExpiredCertificate_ReportedAsExpired()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: -1);
        await using var server = Https(leaf);
        var url = $"https://127.0.0.1:{server.Port}/";
        var r = await HttpProbeRun.RunAsync(TestCertificates.TrustCa(), ("url", url));

        Assert.StartsWith("TLS: certificate expired on ", TcpProbeRun.Failure(r, "http", url), StringComparison.Ordinal);
        Assert.InRange(r.Value("http.cert_expiry"), -1.01, -1.0);
    }
}
