using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fathom.Api.Tests.Support;

namespace Fathom.Api.Tests;

/// <summary>certificate and key (PEM files, made by openssl here): HTTPS, with HTTP/2 negotiated by ALPN.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Https_CertificateAndKey_Http2Negotiated()
    {
        using var dir = new TempFolder();
        var (cert, key) = SelfSigned.Create(dir.Path);
        await using var host = await ApiHost.StartAsync(s => s with { Certificate = cert, Key = key });
        using var expected = X509CertificateLoader.LoadCertificateFromFile(cert);
        using var client = Client(expected);
        var address = new Uri(host.Server.Addresses[0]);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/healthz")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("https", address.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Https_Http11Client_StillServed()
    {
        using var dir = new TempFolder();
        var (cert, key) = SelfSigned.Create(dir.Path);
        await using var host = await ApiHost.StartAsync(s => s with { Certificate = cert, Key = key });
        using var expected = X509CertificateLoader.LoadCertificateFromFile(cert);
        using var client = Client(expected);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(host.Server.Addresses[0]), "/healthz")) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Http_PlainTextOnTheTlsPort_NoAnswer()
    {
        using var dir = new TempFolder();
        var (cert, key) = SelfSigned.Create(dir.Path);
        await using var host = await ApiHost.StartAsync(s => s with { Certificate = cert, Key = key });
        var plain = new UriBuilder(host.Server.Addresses[0]) { Scheme = "http", Path = "/healthz" }.Uri;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var response = await Record.ExceptionAsync(async () => (await client.GetAsync(plain)).EnsureSuccessStatusCode());

        Assert.NotNull(response);
    }

    [Fact]
    public async Task Http_NoCertificate_Http11Only()
    {
        await using var host = await ApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative)) { Version = HttpVersion.Version11 };

        using var response = await host.Client.SendAsync(request);

        Assert.StartsWith("http://127.0.0.1:", host.Server.Addresses[0], StringComparison.Ordinal);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    /// <summary>Trusts exactly the test's certificate (no other: the check is real).</summary>
    private static HttpClient Client(X509Certificate2 expected) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString(),
        },
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
