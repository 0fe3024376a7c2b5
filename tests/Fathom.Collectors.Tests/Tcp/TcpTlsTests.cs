using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Tcp;

/// <summary>The tcp collector's TLS handshake against an SslStream server with certificates made in the test.</summary>
public sealed class TcpTlsTests
{
    // Holds each connection until the client closes it.
    private static LocalServer TlsServer(X509Certificate2 certificate, IPAddress? address = null) =>
        LocalServer.Start(static (s, ct) => s.CopyToAsync(Stream.Null, ct), certificate, address);

    [Fact]
    public async Task CollectAsync_TrustedCertificate_HandshakeTimeAndExpiryAbout30Days()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30);
        await using var server = TlsServer(leaf);
        var target = $"localhost:{server.Port}";
        var r = await TcpProbeRun.RunAsync(TestCertificates.TrustCa(), null, ("target", target), ("tls", "yes"));

        Assert.Equal(1, r.Value("tcp.success", "target", target));
        Assert.InRange(r.Value("tcp.tls", "target", target), 0.01, 5000);
        Assert.InRange(r.Value("tcp.cert_expiry", "target", target), 29.99, 30.0);
        Assert.InRange(r.Value("tcp.duration", "target", target), r.Value("tcp.connect") + r.Value("tcp.tls"), 5000);
    }

    [Fact]
    public async Task CollectAsync_FakeClock_ExpiryFromContextTime()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30);
        await using var server = TlsServer(leaf);
        var target = $"127.0.0.1:{server.Port}";
        var time = new FakeTimeProvider(new DateTimeOffset(leaf.NotAfter).AddDays(-12.5));
        var r = await TcpProbeRun.RunAsync(TestCertificates.TrustCa(), time, ("target", target), ("tls", "yes"));

        Assert.Equal(1, r.Value("tcp.success", "target", target));
        Assert.Equal(12.5, r.Value("tcp.cert_expiry", "target", target), 9);
    }

    [Fact]
    public async Task CollectAsync_SelfSignedCertificate_UntrustedFailureStillReportsExpiry()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30, selfSigned: true);
        await using var server = TlsServer(leaf);
        var target = $"127.0.0.1:{server.Port}";
        var r = await TcpProbeRun.RunAsync(("target", target), ("tls", "yes"));

        var reason = r.Failure("tcp", target);
        Assert.StartsWith("TLS: certificate untrusted", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("mismatch", reason, StringComparison.Ordinal);
        Assert.InRange(r.Value("tcp.cert_expiry", "target", target), 29.99, 30.0);
        Assert.Empty(r.Sink.Samples("tcp.tls"));
    }

    [Fact]
    public async Task CollectAsync_SelfSignedInsecure_SuccessWithExpiry()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30, selfSigned: true);
        await using var server = TlsServer(leaf, IPAddress.IPv6Loopback);
        var target = $"[::1]:{server.Port}";
        var r = await TcpProbeRun.RunAsync(("target", target), ("tls", "yes"), ("insecure", "yes"));

        Assert.Equal(1, r.Value("tcp.success", "target", target));
        Assert.InRange(r.Value("tcp.tls", "target", target), 0.01, 5000);
        Assert.InRange(r.Value("tcp.cert_expiry", "target", target), 29.99, 30.0);
    }

    [Fact]
    public async Task CollectAsync_ServerNameMismatch_ReportedAsSuch()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: 30);
        await using var server = TlsServer(leaf);
        var target = $"127.0.0.1:{server.Port}";
        var r = await TcpProbeRun.RunAsync(TestCertificates.TrustCa(), null, ("target", target), ("tls", "yes"), ("server_name", "other.example"));

        Assert.Equal("TLS: certificate name mismatch: 'localhost' does not match server name 'other.example'", r.Failure("tcp", target));
    }

    [Fact]
    public async Task CollectAsync_ExpiredCertificate_ReportedAsExpiredWithNegativeExpiry()
    {
        using var leaf = TestCertificates.Leaf(daysLeft: -2);
        await using var server = TlsServer(leaf);
        var target = $"localhost:{server.Port}";
        var r = await TcpProbeRun.RunAsync(TestCertificates.TrustCa(), null, ("target", target), ("tls", "yes"));

        Assert.StartsWith("TLS: certificate expired on ", r.Failure("tcp", target), StringComparison.Ordinal);
        Assert.InRange(r.Value("tcp.cert_expiry", "target", target), -2.01, -2.0);
    }
}
