using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fathom.Collectors.Tests.Tcp;

/// <summary>Certificates made in the test: a CA of its own, leaves it signs, self-signed leaves.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Ca { get; } = CreateCa();

    /// <summary>Trusts <see cref="Ca"/> only, as the collectors' test seam takes it.</summary>
    public static X509ChainPolicy TrustCa()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(Ca);
        return policy;
    }

    /// <summary>A leaf for localhost and 127.0.0.1 (or <paramref name="names"/>), valid until now + <paramref name="daysLeft"/>.</summary>
    public static X509Certificate2 Leaf(double daysLeft = 30, bool selfSigned = false, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={(names.Length > 0 ? names[0] : "localhost")}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Length > 0 ? names : ["localhost"])
        {
            san.AddDnsName(name);
        }

        if (names.Length == 0)
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.IPv6Loopback);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        // Whole seconds: X.509 times have no fractions, so the expected expiry is exact.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var notAfter = now.AddDays(daysLeft);
        var notBefore = now.AddDays(Math.Min(-1, daysLeft - 1));
        if (selfSigned)
        {
            return Exportable(request.CreateSelfSigned(notBefore, notAfter));
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var signed = request.Create(Ca, notBefore, notAfter, serial);
        return Exportable(signed.CopyWithPrivateKey(key));
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Fathom Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        return Exportable(request.CreateSelfSigned(now.AddDays(-30), now.AddYears(1)));
    }

    // A round trip through PKCS#12 gives a certificate whose key SslStream can use on every platform.
    private static X509Certificate2 Exportable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
