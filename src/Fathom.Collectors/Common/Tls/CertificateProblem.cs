using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Fathom.Collectors.Common.Tls;

/// <summary>Words a rejected certificate's problems: name mismatch, expired, untrusted, and so on.</summary>
internal static class CertificateProblem
{
    public static string Describe(SslPolicyErrors errors, X509Certificate2? certificate, X509Chain? chain, string serverName, DateTimeOffset now)
    {
        var parts = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || certificate is null)
        {
            return "the server sent no certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            parts.Add($"certificate name mismatch: '{certificate.GetNameInfo(X509NameType.SimpleName, false)}' does not match server name '{serverName}'");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            parts.AddRange(ChainProblems(certificate, chain, now));
        }

        return parts.Count > 0 ? string.Join("; ", parts) : $"certificate rejected ({errors})";
    }

    private static IEnumerable<string> ChainProblems(X509Certificate2 certificate, X509Chain? chain, DateTimeOffset now)
    {
        var flags = X509ChainStatusFlags.NoError;
        foreach (var status in chain?.ChainStatus ?? [])
        {
            flags |= status.Status;
        }

        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
        {
            var notAfter = new DateTimeOffset(certificate.NotAfter);
            yield return notAfter < now
                ? $"certificate expired on {notAfter.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"
                : $"certificate not valid before {new DateTimeOffset(certificate.NotBefore).UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
        }

        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            yield return $"certificate untrusted: issuer '{certificate.Issuer}' does not lead to a trusted root";
        }

        var rest = flags & ~(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain);
        if (rest != X509ChainStatusFlags.NoError || flags == X509ChainStatusFlags.NoError)
        {
            yield return $"certificate chain invalid ({rest})";
        }
    }
}
